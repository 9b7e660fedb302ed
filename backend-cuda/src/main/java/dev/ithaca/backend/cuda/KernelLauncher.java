package dev.ithaca.backend.cuda;

import dev.ithaca.spi.Strided;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Finds kernels by module and name (compiling a module with NVRTC on first use, through the
 * {@link ModuleCache}) and launches them on the backend's stream.
 */
final class KernelLauncher implements AutoCloseable {
    private final DeviceContext context;
    private final CudaStream stream;
    private final ModuleCache<CUmod_st> modules;
    private final Map<KernelModule, KernelSource> sources = new EnumMap<>(KernelModule.class);
    private final Map<String, CUfunc_st> functions = new ConcurrentHashMap<>();

    KernelLauncher(DeviceContext context, CudaStream stream, KernelCompiler compiler, CubinDiskCache disk) {
        this.context = context;
        this.stream = stream;
        this.modules = new ModuleCache<>(compiler, disk, context.arch(), KernelLauncher::loadModule);
    }

    /** cuModuleLoadData on a CUBIN; the driver's refusal of the image itself lets the cache recompile. */
    private static CUmod_st loadModule(byte[] cubin) {
        CUmod_st module = new CUmod_st();
        try (BytePointer image = new BytePointer(cubin)) {
            int result = cudart.cuModuleLoadData(module, image);
            if (result == cudart.CUDA_ERROR_INVALID_IMAGE || result == cudart.CUDA_ERROR_NO_BINARY_FOR_GPU
                    || result == cudart.CUDA_ERROR_INVALID_PTX || result == cudart.CUDA_ERROR_UNSUPPORTED_PTX_VERSION) {
                throw new ModuleCache.InvalidCubinException("cuModuleLoadData: " + CudaStatus.driverName(result) + " (" + result + ")");
            }
            CudaStatus.checkDriver(result, "cuModuleLoadData");
        }
        return module;
    }

    /**
     * Launches an elementwise-style kernel over {@code operands} (walked together, see {@link Geometry}):
     * its arguments are the geometry, one pointer per operand, then what {@code extra} adds. A walk
     * of more than {@value Geometry#MAX_DIMS} dimensions becomes several launches.
     */
    void launchStrided(KernelModule module, String kernel, Strided[] operands, Consumer<KernelArgs> extra) {
        Geometry geometry = Geometry.of(operands);
        if (geometry.numel() == 0) {
            return;
        }
        for (Geometry.Piece piece : geometry.pieces()) {
            KernelArgs args = KernelArgs.begin().words(piece.geometry().words());
            for (int i = 0; i < operands.length; i++) {
                args.pointer(DeviceAddress.of(operands[i]) + piece.offsets()[i] * operands[i].dtype().byteSize());
            }
            extra.accept(args);
            launch(module, kernel, LaunchConfig.forElements(piece.geometry().numel(), context.multiprocessors()), args);
        }
    }

    /** Launches {@code kernel} of {@code module} with {@code args} on the stream. */
    void launch(KernelModule module, String kernel, LaunchConfig config, KernelArgs args) {
        CUfunc_st function = function(module, kernel);
        PointerPointer<?> params = args.params();
        CudaStatus.checkDriver(cudart.cuLaunchKernel(function, config.grid(), 1, 1, config.block(), 1, 1, 0, stream.handle(),
                params, (PointerPointer<?>) null), "cuLaunchKernel(" + kernel + ", grid " + config.grid() + ")");
    }

    private CUfunc_st function(KernelModule module, String kernel) {
        CUfunc_st cached = functions.get(kernel);
        if (cached != null) {
            return cached;
        }
        context.bind();
        CUmod_st loaded = modules.module(source(module));
        CUfunc_st function = new CUfunc_st();
        int result = cudart.cuModuleGetFunction(function, loaded, kernel);
        if (result == cudart.CUDA_ERROR_NOT_FOUND) {
            throw new CudaException("kernel '" + kernel + "' is not in module '" + module.fileName() + "'");
        }
        CudaStatus.checkDriver(result, "cuModuleGetFunction(" + kernel + ")");
        functions.putIfAbsent(kernel, function);
        return function;
    }

    int multiprocessors() {
        return context.multiprocessors();
    }

    private synchronized KernelSource source(KernelModule module) {
        return sources.computeIfAbsent(module, KernelSource::of);
    }

    /** Unloads every module; the launcher cannot be used afterwards. */
    @Override
    public void close() {
        context.bind();
        functions.clear();
        for (CUmod_st module : modules.loaded()) {
            CudaStatus.checkDriver(cudart.cuModuleUnload(module), "cuModuleUnload");
        }
        modules.clear();
    }
}
