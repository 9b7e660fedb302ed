package dev.ithaca.backend.cuda.nn;

import dev.ithaca.tck.nn.TrainingConformance;

class CudaTrainingTest extends TrainingConformance {
    @Override
    protected String backendName() {
        return "cuda";
    }
}
