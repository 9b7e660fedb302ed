package dev.ithaca.backend.cpu.loss;

import dev.ithaca.tck.loss.CrossEntropyLossConformance;

class CpuCrossEntropyLossTest extends CrossEntropyLossConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
