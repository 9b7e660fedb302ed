package dev.ithaca.backend.cpu.loss;

import dev.ithaca.tck.loss.NLLLossConformance;

class CpuNLLLossTest extends NLLLossConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
