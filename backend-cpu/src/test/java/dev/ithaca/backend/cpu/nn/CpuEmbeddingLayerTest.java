package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.EmbeddingLayerConformance;

class CpuEmbeddingLayerTest extends EmbeddingLayerConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
