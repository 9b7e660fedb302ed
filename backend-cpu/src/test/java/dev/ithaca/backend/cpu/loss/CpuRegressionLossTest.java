package dev.ithaca.backend.cpu.loss;

import dev.ithaca.tck.loss.RegressionLossConformance;

class CpuRegressionLossTest extends RegressionLossConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
