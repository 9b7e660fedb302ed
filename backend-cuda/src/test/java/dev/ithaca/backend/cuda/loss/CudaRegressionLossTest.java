package dev.ithaca.backend.cuda.loss;

import dev.ithaca.tck.loss.RegressionLossConformance;

class CudaRegressionLossTest extends RegressionLossConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
