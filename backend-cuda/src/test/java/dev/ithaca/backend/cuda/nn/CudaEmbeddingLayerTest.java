package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.EmbeddingLayerConformance;

class CudaEmbeddingLayerTest extends EmbeddingLayerConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
