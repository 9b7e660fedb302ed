package dev.ithaca.backend.cuda;

import dev.ithaca.tensor.DType;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * cuBLAS gemm on the backend's stream. FLOAT32 is computed in full FP32 by default; with TF32 on
 * ({@value CudaBackendProvider#TF32_PROPERTY}) it may use TF32 tensor cores (inputs rounded to 10
 * mantissa bits, as PyTorch's {@code allow_tf32}). One cuBLAS handle, created on first use and
 * guarded by this object's lock: a handle must not be used by two threads at once.
 */
final class CublasGemm implements AutoCloseable {
    private final DeviceContext context;
    private final CudaStream stream;
    private final boolean tf32;
    private cublasContext handle;
    private FloatPointer oneF;
    private FloatPointer zeroF;
    private DoublePointer oneD;
    private DoublePointer zeroD;

    CublasGemm(DeviceContext context, CudaStream stream, boolean tf32) {
        this.context = context;
        this.stream = stream;
        this.tf32 = tf32;
    }

    boolean tf32() {
        return tf32;
    }

    /**
     * Runs {@code call} on FLOAT32 or FLOAT64 device memory: cuBLAS's A at {@code a}, B at {@code b}, C at {@code c}.
     */
    synchronized void gemm(DType dtype, GemmCall call, long a, long b, long c) {
        context.bind();
        cublasContext h = handle();
        int opA = call.transA() ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N;
        int opB = call.transB() ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N;
        if (dtype == DType.FLOAT32) {
            int compute = tf32 ? cublas.CUBLAS_COMPUTE_32F_FAST_TF32 : cublas.CUBLAS_COMPUTE_32F;
            CudaStatus.checkBlas(cublas.cublasGemmStridedBatchedEx(h, opA, opB, call.m(), call.n(), call.k(), oneF,
                    DevicePointers.at(a), cudart.CUDA_R_32F, call.lda(), call.strideA(),
                    DevicePointers.at(b), cudart.CUDA_R_32F, call.ldb(), call.strideB(), zeroF,
                    DevicePointers.at(c), cudart.CUDA_R_32F, call.ldc(), call.strideC(), call.batch(),
                    compute, cublas.CUBLAS_GEMM_DEFAULT), "cublasGemmStridedBatchedEx");
        } else if (dtype == DType.FLOAT64) {
            CudaStatus.checkBlas(cublas.cublasDgemmStridedBatched(h, opA, opB, call.m(), call.n(), call.k(), oneD,
                    DevicePointers.doubles(a), call.lda(), call.strideA(), DevicePointers.doubles(b), call.ldb(), call.strideB(),
                    zeroD, DevicePointers.doubles(c), call.ldc(), call.strideC(), call.batch()), "cublasDgemmStridedBatched");
        } else {
            throw new IllegalArgumentException("cuBLAS gemm takes FLOAT32 or FLOAT64, got " + dtype);
        }
    }

    private cublasContext handle() {
        if (handle == null) {
            cublasContext created = new cublasContext();
            CudaStatus.checkBlas(cublas.cublasCreate_v2(created), "cublasCreate_v2");
            CudaStatus.checkBlas(cublas.cublasSetStream_v2(created, stream.handle()), "cublasSetStream_v2");
            CudaStatus.checkBlas(cublas.cublasSetMathMode(created, tf32 ? cublas.CUBLAS_TF32_TENSOR_OP_MATH : cublas.CUBLAS_DEFAULT_MATH),
                    "cublasSetMathMode");
            oneF = new FloatPointer(1f);
            zeroF = new FloatPointer(0f);
            oneD = new DoublePointer(1d);
            zeroD = new DoublePointer(0d);
            handle = created;
        }
        return handle;
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            context.bind();
            CudaStatus.checkBlas(cublas.cublasDestroy_v2(handle), "cublasDestroy_v2");
            handle = null;
            oneF.close();
            zeroF.close();
            oneD.close();
            zeroD.close();
        }
    }
}
