// The fused optimizer updates of dev.ithaca.spi.OptimizerUpdate: one thread per element reads the
// parameter, its gradient and the state, and writes the parameter and the state once. The
// arithmetic is the CPU backend's, operation for operation, in the tensor's own type (scalars are
// converted to it once, multiply-adds are never fused), so FLOAT32 and FLOAT64 results match the
// CPU bit for bit. With FLAG_FLUSH, state values below the type's smallest normal number are
// stored as +0 (the update of this step still uses the exact value).
#include "common.cuh"

#define UPDATE_SGD 0
#define UPDATE_ADAM 1
#define UPDATE_RMSPROP 2
#define UPDATE_ADAGRAD 3

#define FLAG_MAXIMIZE 1
#define FLAG_DECAY 2
#define FLAG_DECOUPLED 4
#define FLAG_AMSGRAD 8
#define FLAG_MOMENTUM 16
#define FLAG_FIRST_STEP 32
#define FLAG_NESTEROV 64
#define FLAG_CENTERED 128
#define FLAG_FLUSH 256

// Scalars by kind (OptimizerKernels.parameters on the Java side):
//   SGD      weightDecay, momentum, 1 - dampening, -lr
//   Adam     paramScale, weightDecay, 1 - beta1, beta2, 1 - beta2, biasCorrection2Sqrt, eps, -stepSize
//   RMSprop  weightDecay, alpha, 1 - alpha, eps, momentum, -lr
//   Adagrad  weightDecay, eps, -clr
struct OptimizerParams {
    i64 kind;
    i64 flags;
    double s[8];
};

__device__ __forceinline__ float flushDenormal(float v) {
    const int b = __float_as_int(v);
    return __int_as_float(b & ~(((b & 0x7F800000) - 1) >> 31));
}

__device__ __forceinline__ double flushDenormal(double v) {
    return fabs(v) < 2.2250738585072014e-308 ? 0.0 : v;
}

template <typename T>
__device__ __forceinline__ T stored(T v, bool flush) {
    return flush ? flushDenormal(v) : v;
}

// PyTorch's lerp(a, b, w).
template <typename T>
__device__ __forceinline__ T lerp(T a, T b, T w) {
    return Math<T>::abs(w) < (T) 0.5 ? a + w * (b - a) : b - (b - a) * ((T) 1 - w);
}

// Geometry operands: 0 param, 1 grad, 2.. the state in OptimizerUpdate's order.
template <typename T>
__device__ void optimizerElements(const Geometry& g, T* param, const T* grad, T* s0, T* s1, T* s2,
                                  const OptimizerParams& prm) {
    const i64 f = prm.flags;
    const bool flush = (f & FLAG_FLUSH) != 0;
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[5];
        operandOffsets<5>(g, i, off);
        T p = param[off[0]];
        T gr = grad[off[1]];
        if (f & FLAG_MAXIMIZE) {
            gr = -gr;
        }
        if (prm.kind == UPDATE_SGD) {
            if (f & FLAG_DECAY) {
                gr = gr + (T) prm.s[0] * p;
            }
            if (f & FLAG_MOMENTUM) {
                const T momentum = (T) prm.s[1];
                const T buf = (f & FLAG_FIRST_STEP) ? gr : s0[off[2]] * momentum + (T) prm.s[2] * gr;
                s0[off[2]] = stored(buf, flush);
                gr = (f & FLAG_NESTEROV) ? gr + momentum * buf : buf;
            }
            param[off[0]] = p + (T) prm.s[3] * gr;
        } else if (prm.kind == UPDATE_ADAM) {
            if (f & FLAG_DECAY) {
                gr = gr + (T) prm.s[1] * p;
            }
            if (f & FLAG_DECOUPLED) {
                p = p * (T) prm.s[0];
            }
            const T m = lerp(s0[off[2]], gr, (T) prm.s[2]);
            T v = s1[off[3]] * (T) prm.s[3] + (T) prm.s[4] * gr * gr;
            s0[off[2]] = stored(m, flush);
            s1[off[3]] = stored(v, flush);
            if (f & FLAG_AMSGRAD) {
                v = javaMax(s2[off[4]], v);
                s2[off[4]] = stored(v, flush);
            }
            const T denom = Math<T>::sqrt(v) / (T) prm.s[5] + (T) prm.s[6];
            param[off[0]] = p + (T) prm.s[7] * (m / denom);
        } else if (prm.kind == UPDATE_RMSPROP) {
            if (f & FLAG_DECAY) {
                gr = gr + (T) prm.s[0] * p;
            }
            const T sq = s0[off[2]] * (T) prm.s[1] + (T) prm.s[2] * gr * gr;
            s0[off[2]] = stored(sq, flush);
            T avg;
            if (f & FLAG_CENTERED) {
                const T mean = lerp(s1[off[3]], gr, (T) prm.s[2]);
                s1[off[3]] = stored(mean, flush);
                avg = Math<T>::sqrt(sq + (T) -1 * mean * mean) + (T) prm.s[3];
            } else {
                avg = Math<T>::sqrt(sq) + (T) prm.s[3];
            }
            if (f & FLAG_MOMENTUM) {
                T* bufs = (f & FLAG_CENTERED) ? s2 : s1;
                const i64 at = (f & FLAG_CENTERED) ? off[4] : off[3];
                const T buf = bufs[at] * (T) prm.s[4] + gr / avg;
                bufs[at] = stored(buf, flush);
                param[off[0]] = p + (T) prm.s[5] * buf;
            } else {
                param[off[0]] = p + (T) prm.s[5] * (gr / avg);
            }
        } else {
            if (f & FLAG_DECAY) {
                gr = gr + (T) prm.s[0] * p;
            }
            const T sum = s0[off[2]] + gr * gr;
            s0[off[2]] = stored(sum, flush);
            param[off[0]] = p + (T) prm.s[2] * (gr / (Math<T>::sqrt(sum) + (T) prm.s[1]));
        }
    }
}

#define OPTIMIZER_KERNEL(NAME_SUFFIX, T) \
    extern "C" __global__ void optimizer_##NAME_SUFFIX(const __grid_constant__ Geometry g, T* param, const T* grad, \
                                                       T* s0, T* s1, T* s2, const __grid_constant__ OptimizerParams prm) { \
        optimizerElements<T>(g, param, grad, s0, s1, s2, prm); \
    }

OPTIMIZER_KERNEL(f32, float)
OPTIMIZER_KERNEL(f64, double)
