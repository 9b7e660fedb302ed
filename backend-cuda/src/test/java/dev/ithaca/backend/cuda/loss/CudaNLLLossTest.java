package dev.ithaca.backend.cuda.loss;

import dev.ithaca.tck.loss.NLLLossConformance;

class CudaNLLLossTest extends NLLLossConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
