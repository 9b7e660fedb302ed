package dev.ithaca.backend.cpu;

import dev.ithaca.tck.SoftmaxConformance;

class CpuSoftmaxTest extends SoftmaxConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
