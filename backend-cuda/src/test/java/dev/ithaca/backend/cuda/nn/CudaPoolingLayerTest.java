package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.PoolingLayerConformance;

class CudaPoolingLayerTest extends PoolingLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
