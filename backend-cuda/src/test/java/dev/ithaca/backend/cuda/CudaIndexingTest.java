package dev.ithaca.backend.cuda;

import dev.ithaca.tck.IndexingConformance;

class CudaIndexingTest extends IndexingConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
