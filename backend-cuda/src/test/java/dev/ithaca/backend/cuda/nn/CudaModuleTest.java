package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.ModuleConformance;

class CudaModuleTest extends ModuleConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
