package dev.ithaca.backend.cuda.loss;

import dev.ithaca.tck.loss.BCEWithLogitsLossConformance;

class CudaBCEWithLogitsLossTest extends BCEWithLogitsLossConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
