package dev.ithaca.backend.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kernel cache in memory and on disk, with a fake compiler (the CUBIN is the source text) and a
 * fake loader (the module is the text the CUBIN holds), so keying, reuse, corruption and atomic
 * writes are tested without NVRTC or a GPU.
 */
class ModuleCacheTest {
    @TempDir
    Path dir;

    private static final KernelSource SOURCE = new KernelSource("reduce", "extern \"C\" __global__ void k() {}");

    private static class FakeCompiler implements KernelCompiler {
        final List<String> compiled = new ArrayList<>();
        String version = "nvrtc-13.0";

        @Override
        public String version() {
            return version;
        }

        @Override
        public List<String> options(String arch) {
            return List.of("--gpu-architecture=" + arch, "--fmad=false");
        }

        @Override
        public byte[] compile(KernelSource source, String arch) {
            compiled.add(source.name() + "@" + arch);
            return (arch + ":" + source.text()).getBytes(StandardCharsets.UTF_8);
        }
    }

    private final FakeCompiler compiler = new FakeCompiler();
    private final List<String> loads = new ArrayList<>();

    private String load(byte[] cubin) {
        String text = new String(cubin, StandardCharsets.UTF_8);
        if (text.startsWith("garbage")) {
            throw new ModuleCache.InvalidCubinException("CUDA_ERROR_INVALID_IMAGE");
        }
        loads.add(text);
        return "module[" + text + "]";
    }

    private ModuleCache<String> cache(String arch) {
        return new ModuleCache<>(compiler, new CubinDiskCache(dir), arch, this::load);
    }

    private Path onlyCacheFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    void compilesOnceAndKeepsTheLoadedModuleInMemory() {
        ModuleCache<String> cache = cache("sm_90");
        String first = cache.module(SOURCE);
        assertThat(cache.module(SOURCE)).isSameAs(first);
        assertThat(compiler.compiled).containsExactly("reduce@sm_90");
        assertThat(loads).hasSize(1);
        assertThat(cache.loaded()).containsExactly(first);
    }

    @Test
    void aNewProcessReadsTheDiskCacheInsteadOfCompiling() throws IOException {
        cache("sm_90").module(SOURCE);
        ModuleCache<String> later = cache("sm_90");
        assertThat(later.module(SOURCE)).isEqualTo("module[sm_90:" + SOURCE.text() + "]");
        assertThat(compiler.compiled).hasSize(1);
        assertThat(onlyCacheFile().getFileName().toString()).startsWith("reduce-").endsWith("-sm_90-nvrtc-13.0.cubin");
    }

    @Test
    void theKeyCoversSourceArchitectureCompilerVersionAndOptions() {
        ModuleCache<String> cache = cache("sm_90");
        CubinKey key = cache.keyOf(SOURCE);
        assertThat(cache("sm_80").keyOf(SOURCE)).isNotEqualTo(key);
        assertThat(cache.keyOf(new KernelSource("reduce", SOURCE.text() + " "))).isNotEqualTo(key);
        compiler.version = "nvrtc-13.1";
        assertThat(cache.keyOf(SOURCE)).isNotEqualTo(key);
        assertThat(key.sourceHash()).isEqualTo(SOURCE.hash("--gpu-architecture=sm_90 --fmad=false")).hasSize(64);

        cache("sm_80").module(SOURCE);
        new ModuleCache<>(compiler, new CubinDiskCache(dir), "sm_90", this::load).module(SOURCE);
        assertThat(compiler.compiled).containsExactly("reduce@sm_80", "reduce@sm_90");
    }

    @Test
    void aCorruptedEntryIsDetectedDeletedAndRecompiled() throws IOException {
        cache("sm_90").module(SOURCE);
        Path file = onlyCacheFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x5A;   // one flipped payload byte: the digest no longer matches
        Files.write(file, bytes);
        assertThat(cache("sm_90").module(SOURCE)).isEqualTo("module[sm_90:" + SOURCE.text() + "]");
        assertThat(compiler.compiled).hasSize(2);
        assertThat(new CubinDiskCache(dir).read(cache("sm_90").keyOf(SOURCE))).as("rewritten intact").isPresent();
    }

    @Test
    void aTruncatedOrForeignEntryIsRecompiled() throws IOException {
        cache("sm_90").module(SOURCE);
        Path file = onlyCacheFile();
        Files.write(file, new byte[] {1, 2, 3});
        cache("sm_90").module(SOURCE);
        Files.write(file, "not a cubin at all, but long enough to hold a header of forty-eight bytes".getBytes(StandardCharsets.UTF_8));
        cache("sm_90").module(SOURCE);
        assertThat(compiler.compiled).hasSize(3);
    }

    @Test
    void anEntryTheDriverRefusesIsRecompiled() {
        CubinDiskCache disk = new CubinDiskCache(dir);
        ModuleCache<String> cache = cache("sm_90");
        disk.write(cache.keyOf(SOURCE), "garbage from an older driver".getBytes(StandardCharsets.UTF_8));
        assertThat(cache.module(SOURCE)).isEqualTo("module[sm_90:" + SOURCE.text() + "]");
        assertThat(compiler.compiled).hasSize(1);
        assertThat(disk.read(cache.keyOf(SOURCE)).map(b -> new String(b, StandardCharsets.UTF_8))).contains("sm_90:" + SOURCE.text());
    }

    @Test
    void aFreshCompileTheDriverRefusesIsAClearError() {
        ModuleCache<String> cache = new ModuleCache<>(new FakeCompiler() {
            @Override
            public byte[] compile(KernelSource source, String arch) {
                return "garbage".getBytes(StandardCharsets.UTF_8);
            }
        }, null, "sm_90", this::load);
        assertThatThrownBy(() -> cache.module(SOURCE)).isInstanceOf(CudaException.class)
                .hasMessageContainingAll("refused freshly compiled kernels 'reduce'", "sm_90", "CUDA_ERROR_INVALID_IMAGE");
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
        Path nested = dir.resolve("a/b");
        new ModuleCache<>(compiler, new CubinDiskCache(nested), "sm_90", this::load).module(SOURCE);
        try (Stream<Path> files = Files.list(nested)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().satisfies(name -> assertThat(name).endsWith(".cubin"));
        }
    }

    @Test
    void anUnwritableCacheDirectoryOnlyCostsRecompiles() throws IOException {
        Path blocker = dir.resolve("file-not-dir");
        Files.writeString(blocker, "x");
        ModuleCache<String> cache = new ModuleCache<>(compiler, new CubinDiskCache(blocker.resolve("cache")), "sm_90", this::load);
        assertThat(cache.module(SOURCE)).startsWith("module[");
        new ModuleCache<>(compiler, new CubinDiskCache(blocker.resolve("cache")), "sm_90", this::load).module(SOURCE);
        assertThat(compiler.compiled).hasSize(2);
    }

    @Test
    void withoutADiskCacheEveryProcessCompiles() {
        new ModuleCache<>(compiler, null, "sm_90", this::load).module(SOURCE);
        new ModuleCache<>(compiler, null, "sm_90", this::load).module(SOURCE);
        assertThat(compiler.compiled).hasSize(2);
    }

    @Test
    void keyPartsMustBeFileNameSafe() {
        assertThatThrownBy(() -> new CubinKey("../evil", "ab", "sm_90", "nvrtc-13.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../evil'");
    }
}
