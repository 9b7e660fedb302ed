package dev.ithaca.backend.cuda;

/** The kernel sources, one per concern; each compiles to one CUDA module the first time one of its kernels runs. */
enum KernelModule {
    ELEMENTWISE("elementwise"),
    CAST("cast"),
    REDUCE("reduce"),
    SOFTMAX("softmax"),
    INDEXING("indexing"),
    WINDOW("window"),
    RANDOM("random"),
    OPTIMIZER("optimizer"),
    MATMUL_INT("matmul_int");

    private final String fileName;

    KernelModule(String fileName) {
        this.fileName = fileName;
    }

    /** Base name of its source, {@code kernels/<name>.cu}. */
    String fileName() {
        return fileName;
    }
}
