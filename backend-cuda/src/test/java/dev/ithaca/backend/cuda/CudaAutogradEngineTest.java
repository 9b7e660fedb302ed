package dev.ithaca.backend.cuda;

import dev.ithaca.tck.AutogradEngineConformance;

class CudaAutogradEngineTest extends AutogradEngineConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
