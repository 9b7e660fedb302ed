package dev.ithaca.backend.cuda;

/**
 * What a compiled module depends on: its source (and compile options, hashed together), the GPU
 * architecture and the compiler version. A change to any of them is a different key, so a stale
 * binary is never loaded.
 */
record CubinKey(String module, String sourceHash, String arch, String compilerVersion) {

    CubinKey {
        for (String part : new String[] {module, sourceHash, arch, compilerVersion}) {
            if (part == null || !part.matches("[\\w.+-]+")) {
                throw new IllegalArgumentException("cache key part must be a plain file-name word, got '" + part + "'");
            }
        }
    }

    /** {@code reduce-1f3a...-sm_90-nvrtc-13.0.cubin}: readable, and unique per key. */
    String fileName() {
        return module + "-" + sourceHash.substring(0, Math.min(32, sourceHash.length())) + "-" + arch + "-" + compilerVersion + ".cubin";
    }
}
