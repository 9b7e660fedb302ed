package dev.ithaca.backend.cpu;

import dev.ithaca.tck.AutogradEngineConformance;

class CpuAutogradEngineTest extends AutogradEngineConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
