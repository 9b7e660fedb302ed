package dev.ithaca.backend.cpu.nn;

import dev.ithaca.tck.nn.TrainingConformance;

class CpuTrainingTest extends TrainingConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
