/**
 * The {@code cuda} backend: tensors in GPU memory, on the Bytedeco CUDA 13 presets.
 *
 * <p>Finding your way: {@link dev.ithaca.backend.cuda.CudaBackendProvider} is the ServiceLoader entry
 * and its availability probe ({@code CudaProbe}) says why CUDA cannot run where it cannot;
 * {@link dev.ithaca.backend.cuda.CudaBackend} implements the SPI and hands each op to a kernel class
 * by concern ({@code ElementwiseKernels}, {@code ReductionKernels}, {@code SoftmaxKernel},
 * {@code IndexingKernels}, {@code WindowKernels}, {@code RandomKernel}, {@code OptimizerKernels},
 * {@code MatmulKernel} over {@code CublasGemm}). The CUDA C sources live in
 * {@code src/main/resources/dev/ithaca/backend/cuda/kernels}, one module per concern; the
 * {@code KernelLauncher} compiles a module with NVRTC for the GPU's own architecture the first time
 * one of its kernels runs, and the {@code ModuleCache} keeps the CUBIN in memory and on disk.
 * Device memory comes from the size-class {@code DeviceAllocator}; host transfers go through pinned
 * staging buffers ({@code HostTransfers}).
 *
 * <p>Threading rule: all work of a backend goes to one CUDA stream in issue order, which is also
 * what makes reusing freed blocks safe without events. The CUDA context is current per OS thread,
 * so every entry point first makes the backend's device current on the calling thread
 * (cudaSetDevice, once per thread), including frees that arrive on the Cleaner's thread. The one
 * cuBLAS handle, the staging buffers and the error flag are each guarded by a lock. Virtual
 * threads are not supported.
 *
 * <p>Settings are system properties, listed on {@link dev.ithaca.backend.cuda.CudaBackendProvider}.
 */
package dev.ithaca.backend.cuda;
