package dev.ithaca.backend.cuda;

import java.util.List;

/** Turns a kernel source into a CUBIN for one GPU architecture: NVRTC on a GPU machine, a fake in tests. */
interface KernelCompiler {

    /** Compiler name and version, part of every cache key ({@code nvrtc-13.0}). */
    String version();

    /** The options a compile for {@code arch} uses, also part of the cache key. */
    List<String> options(String arch);

    /** The CUBIN of {@code source} for {@code arch} ({@code sm_90}); a compile error is a {@link CudaException} with the log. */
    byte[] compile(KernelSource source, String arch);
}
