package dev.ithaca.backend.cuda;

import dev.ithaca.tck.ViewConformance;

class CudaViewTest extends ViewConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
