package dev.ithaca.backend.cpu.loss;

import dev.ithaca.tck.loss.BCEWithLogitsLossConformance;

class CpuBCEWithLogitsLossTest extends BCEWithLogitsLossConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
