package dev.ithaca.backend.cpu;

import dev.ithaca.tck.IndexingConformance;

class CpuIndexingTest extends IndexingConformance {
    @Override
    protected String backendName() {
        return "cpu";
    }
}
