package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.Conv2dLayerConformance;

class CudaConv2dLayerTest extends Conv2dLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
