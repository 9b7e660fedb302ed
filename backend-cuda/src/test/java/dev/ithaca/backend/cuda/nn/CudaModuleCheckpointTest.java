package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.ModuleCheckpointConformance;

class CudaModuleCheckpointTest extends ModuleCheckpointConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
