package dev.ithaca.backend.cpu;

import dev.ithaca.tck.RandomConformance;

class CpuRandomTest extends RandomConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
