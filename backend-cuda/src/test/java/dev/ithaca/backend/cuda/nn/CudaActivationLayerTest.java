package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.ActivationLayerConformance;

class CudaActivationLayerTest extends ActivationLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
