package dev.ithaca.backend.cpu;

import dev.ithaca.tck.ViewConformance;

class CpuViewTest extends ViewConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
