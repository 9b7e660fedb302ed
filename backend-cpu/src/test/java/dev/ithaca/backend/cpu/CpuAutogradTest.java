package dev.ithaca.backend.cpu;

import dev.ithaca.tck.AutogradConformance;

class CpuAutogradTest extends AutogradConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
