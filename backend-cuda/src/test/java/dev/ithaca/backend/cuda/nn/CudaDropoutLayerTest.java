package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.DropoutLayerConformance;

class CudaDropoutLayerTest extends DropoutLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
