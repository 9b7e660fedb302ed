package dev.ithaca.backend.cuda.loss;

import dev.ithaca.tck.loss.CrossEntropyLossConformance;

class CudaCrossEntropyLossTest extends CrossEntropyLossConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
