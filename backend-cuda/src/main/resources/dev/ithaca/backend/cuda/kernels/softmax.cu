// Softmax and log-softmax along one dim: a group of tpo threads per row (ReductionPlan on the Java
// side). The row maximum is subtracted first, so large logits never overflow; a row of -inf gets
// shift 0 as on the CPU. The sum of exponentials accumulates in double.
#include "common.cuh"

// Geometry operands: 0 the output rows, 1 the input rows (size 1 on the softmax dim).
template <typename T>
__device__ void softmaxRows(const Geometry& g, T* out, const T* x, i64 length, i64 xStride, i64 outStride, int log,
                            int tpo) {
    __shared__ double shared[ITHACA_BLOCK];
    const u64 row = (u64) blockIdx.x * (ITHACA_BLOCK / tpo) + threadIdx.x / tpo;
    const int lane = threadIdx.x & (tpo - 1);
    const bool active = row < (u64) g.numel;
    i64 off[2] = {0, 0};
    if (active) {
        operandOffsets<2>(g, row, off);
    }
    const T* in = x + off[1];
    T* o = out + off[0];

    double max = -positiveInfinity();
    if (active) {
        for (i64 j = lane; j < length; j += tpo) {
            max = javaMax(max, Elem<T>::toDouble(in[j * xStride]));
        }
    }
    max = groupReduce(max, shared, tpo, [](double a, double b) { return javaMax(a, b); });
    const T shift = (T) (max == -positiveInfinity() ? 0.0 : max);

    double sum = 0.0;
    if (active) {
        for (i64 j = lane; j < length; j += tpo) {
            sum += (double) Math<T>::exp(in[j * xStride] - shift);
        }
    }
    sum = groupReduce(sum, shared, tpo, [](double a, double b) { return a + b; });

    if (active) {
        if (log) {
            const double logSum = ::log(sum) + (double) shift;
            for (i64 j = lane; j < length; j += tpo) {
                o[j * outStride] = (T) (Elem<T>::toDouble(in[j * xStride]) - logSum);
            }
        } else {
            const double inverse = 1.0 / sum;
            for (i64 j = lane; j < length; j += tpo) {
                o[j * outStride] = (T) ((double) Math<T>::exp(in[j * xStride] - shift) * inverse);
            }
        }
    }
}

#define SOFTMAX_KERNEL(NAME_SUFFIX, T) \
    extern "C" __global__ void softmax_##NAME_SUFFIX(const __grid_constant__ Geometry g, T* out, const T* x, i64 length, \
                                                     i64 xStride, i64 outStride, int log, int tpo) { \
        softmaxRows<T>(g, out, x, length, xStride, outStride, log, tpo); \
    }

SOFTMAX_KERNEL(f32, float)
SOFTMAX_KERNEL(f64, double)
