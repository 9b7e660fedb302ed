package dev.ithaca.backend.cuda;

import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.util.List;

/**
 * NVRTC, compiling straight to a CUBIN for the device's own architecture. A CUBIN loads on any
 * driver that supports the GPU; PTX from an NVRTC newer than the driver would be refused.
 * {@code --fmad=false} keeps every multiply and add separately rounded, as Java's are, which is
 * what makes the optimizer updates and the Philox uniforms bit-identical to the CPU backend.
 */
final class NvrtcCompiler implements KernelCompiler {
    private final String version;

    NvrtcCompiler() {
        int[] major = {0};
        int[] minor = {0};
        CudaStatus.checkNvrtc(nvrtc.nvrtcVersion(major, minor), "nvrtcVersion");
        this.version = "nvrtc-" + major[0] + "." + minor[0];
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> options(String arch) {
        return List.of("--gpu-architecture=" + arch, "--std=c++17", "--fmad=false");
    }

    @Override
    public byte[] compile(KernelSource source, String arch) {
        _nvrtcProgram program = new _nvrtcProgram();
        try (BytePointer text = new BytePointer(source.text()); BytePointer name = new BytePointer(source.name() + ".cu")) {
            CudaStatus.checkNvrtc(nvrtc.nvrtcCreateProgram(program, text, name, 0, (PointerPointer<?>) null, (PointerPointer<?>) null),
                    "nvrtcCreateProgram(" + source.name() + ")");
        }
        try {
            List<String> options = options(arch);
            try (PointerPointer<?> optionPointers = new PointerPointer<>(options.toArray(String[]::new))) {
                int result = nvrtc.nvrtcCompileProgram(program, options.size(), optionPointers);
                if (result != nvrtc.NVRTC_SUCCESS) {
                    throw new CudaException("NVRTC could not compile kernel module '" + source.name() + "' for " + arch + " ("
                            + nvrtc.nvrtcGetErrorString(result).getString() + "):\n" + log(program));
                }
            }
            try (SizeTPointer size = new SizeTPointer(1)) {
                CudaStatus.checkNvrtc(nvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
                byte[] cubin = new byte[(int) size.get()];
                CudaStatus.checkNvrtc(nvrtc.nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
                return cubin;
            }
        } finally {
            nvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        try (SizeTPointer size = new SizeTPointer(1)) {
            if (nvrtc.nvrtcGetProgramLogSize(program, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
                return "(no log)";
            }
            try (BytePointer log = new BytePointer(size.get())) {
                nvrtc.nvrtcGetProgramLog(program, log);
                return log.getString();
            }
        }
    }
}
