package dev.ithaca.backend.cuda;

import dev.ithaca.tck.DTypeConformance;

class CudaDTypeTest extends DTypeConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
