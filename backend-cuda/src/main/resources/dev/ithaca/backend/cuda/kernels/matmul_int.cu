// Exact integer (and BOOL) matrix products, which cuBLAS does not offer: one thread per output
// element, accumulating in 64 bits. Floating products go to cuBLAS.
#include "common.cuh"

// Geometry over out's shape [..., M, N]: operand 0 out, 1 a seen with stride 0 along N (a[..., i, 0]),
// 2 b seen with stride 0 along M (b[..., 0, j]); k walks a's and b's inner dim.
template <typename T>
__device__ void integerProduct(const Geometry& g, T* out, const T* a, const T* b, i64 k, i64 aStride, i64 bStride) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[3];
        operandOffsets<3>(g, i, off);
        i64 acc = 0;
        for (i64 p = 0; p < k; ++p) {
            acc += Elem<T>::toLong(a[off[1] + p * aStride]) * Elem<T>::toLong(b[off[2] + p * bStride]);
        }
        out[off[0]] = Elem<T>::fromLong(acc);
    }
}

#define MATMUL_KERNEL(NAME_SUFFIX, T) \
    extern "C" __global__ void matmul_##NAME_SUFFIX(const __grid_constant__ Geometry g, T* out, const T* a, const T* b, \
                                                    i64 k, i64 aStride, i64 bStride) { \
        integerProduct<T>(g, out, a, b, k, aStride, bStride); \
    }

MATMUL_KERNEL(b8, u8)
MATMUL_KERNEL(i32, int)
MATMUL_KERNEL(i64, i64)
