package dev.ithaca.backend.cuda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled kernel modules, found in memory, else on disk, else compiled: each module is compiled
 * at most once per machine, architecture and compiler version, and loaded at most once per backend.
 * A cached binary the driver refuses is dropped and recompiled.
 *
 * @param <M> a loaded module (a CUDA module handle; anything in tests)
 */
final class ModuleCache<M> {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleCache.class);

    /** Loads a CUBIN into the device; throws {@link InvalidCubinException} when the driver refuses the bytes. */
    @FunctionalInterface
    interface Loader<M> {
        M load(byte[] cubin);
    }

    /** The driver could not use the bytes (damaged, or built for another architecture or driver). */
    static final class InvalidCubinException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidCubinException(String message) {
            super(message);
        }
    }

    private final KernelCompiler compiler;
    private final CubinDiskCache disk;
    private final String arch;
    private final Loader<M> loader;
    private final Map<CubinKey, M> loaded = new HashMap<>();

    /**
     * @param disk the disk cache, or null to compile in every JVM
     * @param arch the architecture to compile for, {@code sm_90}
     */
    ModuleCache(KernelCompiler compiler, CubinDiskCache disk, String arch, Loader<M> loader) {
        this.compiler = compiler;
        this.disk = disk;
        this.arch = arch;
        this.loader = loader;
    }

    CubinKey keyOf(KernelSource source) {
        return new CubinKey(source.name(), source.hash(String.join(" ", compiler.options(arch))), arch, compiler.version());
    }

    /** The loaded module for {@code source}, compiling or reading it from disk on first use. */
    synchronized M module(KernelSource source) {
        CubinKey key = keyOf(source);
        M module = loaded.get(key);
        if (module != null) {
            return module;
        }
        if (disk != null) {
            Optional<byte[]> cached = disk.read(key);
            if (cached.isPresent()) {
                try {
                    module = loader.load(cached.get());
                    LOG.debug("Loaded CUDA kernels '{}' for {} from {}", source.name(), arch, disk.fileOf(key));
                } catch (InvalidCubinException e) {
                    LOG.warn("The driver refused cached CUDA kernels {} ({}); recompiling", disk.fileOf(key), e.getMessage());
                    disk.delete(key);
                }
            }
        }
        if (module == null) {
            long start = System.nanoTime();
            byte[] cubin = compiler.compile(source, arch);
            LOG.info("Compiled CUDA kernels '{}' for {} with {} in {} ms", source.name(), arch, compiler.version(),
                    (System.nanoTime() - start) / 1_000_000);
            try {
                module = loader.load(cubin);
            } catch (InvalidCubinException e) {
                throw new CudaException("the driver refused freshly compiled kernels '" + source.name() + "' for " + arch + ": "
                        + e.getMessage());
            }
            if (disk != null) {
                disk.write(key, cubin);
            }
        }
        loaded.put(key, module);
        return module;
    }

    /** Every module loaded so far, to unload them when the backend closes. */
    synchronized List<M> loaded() {
        return new ArrayList<>(loaded.values());
    }

    synchronized void clear() {
        loaded.clear();
    }
}
