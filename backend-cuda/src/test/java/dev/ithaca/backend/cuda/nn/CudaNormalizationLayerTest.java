package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.NormalizationLayerConformance;

class CudaNormalizationLayerTest extends NormalizationLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
