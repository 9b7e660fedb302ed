// Shared by every Ithaca kernel module: element types, strided geometry, Java-exact conversions
// and the in-block group reduction. NVRTC compiles the modules without any system header, so
// only built-in types, built-in math functions and intrinsics appear here. KernelSource inlines
// this file where a module includes it (NVRTC gets no include path).
//
// Every module is compiled with --fmad=false: no multiply-add is contracted, so the arithmetic
// rounds exactly as the CPU backend's Java code does (optimizer updates and Philox uniforms are
// bit-identical to the CPU), and denormals are kept (no flush-to-zero).
#pragma once

typedef long long i64;
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;

// Must match Geometry.MAX_DIMS / MAX_OPERANDS on the Java side (checked by a unit test).
#define ITHACA_MAX_DIMS 12
#define ITHACA_MAX_OPERANDS 6
// Threads per block of every kernel; group reductions assume it (Java: LaunchConfig.BLOCK).
#define ITHACA_BLOCK 256

// dtype codes: DType.ordinal() on the Java side.
#define DTYPE_BOOL 0
#define DTYPE_INT32 1
#define DTYPE_INT64 2
#define DTYPE_FLOAT32 3
#define DTYPE_FLOAT64 4

// Several operands walked together over one (coalesced) shape, as the CPU's StridedLoop: element
// strides per operand; base pointers arrive already offset. Passed by value as __grid_constant__,
// so indexing it with a runtime dimension reads the parameter bank without a local copy.
struct Geometry {
    i64 rank;
    i64 numel;
    i64 shape[ITHACA_MAX_DIMS];
    i64 strides[ITHACA_MAX_OPERANDS][ITHACA_MAX_DIMS];
};

// Element offsets of the first N operands at a row-major linear index. 32-bit division when the
// index fits (64-bit division is several times slower on the GPU).
template <int N>
__device__ __forceinline__ void operandOffsets(const Geometry& g, u64 linear, i64 (&off)[N]) {
#pragma unroll
    for (int k = 0; k < N; ++k) {
        off[k] = 0;
    }
    const int rank = (int) g.rank;
    if (rank == 1) {
#pragma unroll
        for (int k = 0; k < N; ++k) {
            off[k] = (i64) linear * g.strides[k][0];
        }
        return;
    }
    if (g.numel <= 0xFFFFFFFFll) {
        u32 rest = (u32) linear;
        for (int d = rank - 1; d >= 0; --d) {
            u32 size = (u32) g.shape[d];
            u32 c = rest % size;
            rest /= size;
#pragma unroll
            for (int k = 0; k < N; ++k) {
                off[k] += (i64) c * g.strides[k][d];
            }
        }
    } else {
        u64 rest = linear;
        for (int d = rank - 1; d >= 0; --d) {
            u64 size = (u64) g.shape[d];
            u64 c = rest % size;
            rest /= size;
#pragma unroll
            for (int k = 0; k < N; ++k) {
                off[k] += (i64) c * g.strides[k][d];
            }
        }
    }
}

#define GRID_STRIDE_LOOP(i, n) \
    for (u64 i = (u64) blockIdx.x * blockDim.x + threadIdx.x; i < (u64) (n); i += (u64) blockDim.x * gridDim.x)

// ---- Java's conversions ----------------------------------------------------------------------------
// (long) and (int) of a double in Java: truncation toward zero, saturating, NaN to 0.

__device__ __forceinline__ i64 javaD2L(double v) {
    if (v != v) {
        return 0;
    }
    if (v >= 9223372036854775808.0) {
        return (i64) 0x7FFFFFFFFFFFFFFFull;
    }
    if (v <= -9223372036854775808.0) {
        return (i64) 0x8000000000000000ull;
    }
    return (i64) v;
}

__device__ __forceinline__ int javaD2I(double v) {
    if (v != v) {
        return 0;
    }
    if (v >= 2147483647.0) {
        return 2147483647;
    }
    if (v <= -2147483648.0) {
        return (int) 0x80000000u;
    }
    return (int) v;
}

__device__ __forceinline__ double positiveInfinity() {
    return __longlong_as_double(0x7FF0000000000000ll);
}

__device__ __forceinline__ double quietNaN() {
    return __longlong_as_double(0x7FF8000000000000ll);
}

// How each element type reads and writes as the CPU backend's NativeMemory does: doubles for the
// floating path, longs for the exact integer path, BOOL as 0/1 and stored as value != 0.
template <typename T> struct Elem;

template <> struct Elem<float> {
    static constexpr bool floating = true;
    __device__ static double toDouble(float v) { return (double) v; }
    __device__ static float fromDouble(double v) { return (float) v; }
    __device__ static i64 toLong(float v) { return javaD2L((double) v); }
    __device__ static float fromLong(i64 v) { return (float) (double) v; }
};

template <> struct Elem<double> {
    static constexpr bool floating = true;
    __device__ static double toDouble(double v) { return v; }
    __device__ static double fromDouble(double v) { return v; }
    __device__ static i64 toLong(double v) { return javaD2L(v); }
    __device__ static double fromLong(i64 v) { return (double) v; }
};

template <> struct Elem<int> {
    static constexpr bool floating = false;
    __device__ static double toDouble(int v) { return (double) v; }
    __device__ static int fromDouble(double v) { return javaD2I(v); }
    __device__ static i64 toLong(int v) { return (i64) v; }
    __device__ static int fromLong(i64 v) { return (int) v; }   // wraps, as Java's (int) of a long
};

template <> struct Elem<i64> {
    static constexpr bool floating = false;
    __device__ static double toDouble(i64 v) { return (double) v; }
    __device__ static i64 fromDouble(double v) { return javaD2L(v); }
    __device__ static i64 toLong(i64 v) { return v; }
    __device__ static i64 fromLong(i64 v) { return v; }
};

template <> struct Elem<u8> {
    static constexpr bool floating = false;
    __device__ static double toDouble(u8 v) { return v != 0 ? 1.0 : 0.0; }
    __device__ static u8 fromDouble(double v) { return v != 0.0 ? 1 : 0; }   // NaN is true
    __device__ static i64 toLong(u8 v) { return v != 0 ? 1 : 0; }
    __device__ static u8 fromLong(i64 v) { return v != 0 ? 1 : 0; }
};

// Stores into an output whose dtype is only known at run time (reductions: INT32 in, INT64 out).
__device__ __forceinline__ void storeDouble(void* base, i64 off, int code, double v) {
    switch (code) {
        case DTYPE_FLOAT32: ((float*) base)[off] = (float) v; break;
        case DTYPE_FLOAT64: ((double*) base)[off] = v; break;
        case DTYPE_INT32: ((int*) base)[off] = javaD2I(v); break;
        case DTYPE_INT64: ((i64*) base)[off] = javaD2L(v); break;
        default: ((u8*) base)[off] = v != 0.0 ? 1 : 0; break;
    }
}

__device__ __forceinline__ void storeLong(void* base, i64 off, int code, i64 v) {
    switch (code) {
        case DTYPE_FLOAT32: ((float*) base)[off] = (float) (double) v; break;
        case DTYPE_FLOAT64: ((double*) base)[off] = (double) v; break;
        case DTYPE_INT32: ((int*) base)[off] = (int) v; break;
        case DTYPE_INT64: ((i64*) base)[off] = v; break;
        default: ((u8*) base)[off] = v != 0 ? 1 : 0; break;
    }
}

// ---- Java's Math.max / Math.min: NaN wins, -0.0 is below +0.0 --------------------------------------

__device__ __forceinline__ double javaMax(double a, double b) {
    if (a != a) {
        return a;
    }
    if (a == 0.0 && b == 0.0 && __double_as_longlong(a) == (i64) 0x8000000000000000ull) {
        return b;
    }
    return a >= b ? a : b;
}

__device__ __forceinline__ double javaMin(double a, double b) {
    if (a != a) {
        return a;
    }
    if (a == 0.0 && b == 0.0 && __double_as_longlong(b) == (i64) 0x8000000000000000ull) {
        return b;
    }
    return a <= b ? a : b;
}

__device__ __forceinline__ float javaMax(float a, float b) {
    if (a != a) {
        return a;
    }
    if (a == 0.0f && b == 0.0f && __float_as_int(a) == (int) 0x80000000u) {
        return b;
    }
    return a >= b ? a : b;
}

__device__ __forceinline__ float javaMin(float a, float b) {
    if (a != a) {
        return a;
    }
    if (a == 0.0f && b == 0.0f && __float_as_int(b) == (int) 0x80000000u) {
        return b;
    }
    return a <= b ? a : b;
}

// ---- math by element type (explicit float/double functions: no reliance on overloads) -------------

template <typename T> struct Math;

template <> struct Math<float> {
    __device__ static float exp(float x) { return expf(x); }
    __device__ static float log(float x) { return logf(x); }
    __device__ static float sqrt(float x) { return sqrtf(x); }
    __device__ static float tanh(float x) { return tanhf(x); }
    __device__ static float erf(float x) { return erff(x); }
    __device__ static float abs(float x) { return fabsf(x); }
};

template <> struct Math<double> {
    __device__ static double exp(double x) { return ::exp(x); }
    __device__ static double log(double x) { return ::log(x); }
    __device__ static double sqrt(double x) { return ::sqrt(x); }
    __device__ static double tanh(double x) { return ::tanh(x); }
    __device__ static double erf(double x) { return ::erf(x); }
    __device__ static double abs(double x) { return fabs(x); }
};

// ---- groups of threads cooperating on one output ----------------------------------------------------
// A block of ITHACA_BLOCK threads holds ITHACA_BLOCK / tpo groups of tpo threads (tpo a power of two).
// Every thread of the block must call groupReduce the same number of times (it synchronizes).

template <typename V, typename Combine>
__device__ __forceinline__ V groupReduce(V value, V* shared, int tpo, Combine combine) {
    const int t = threadIdx.x;
    const int lane = t & (tpo - 1);
    shared[t] = value;
    __syncthreads();
    for (int s = tpo >> 1; s > 0; s >>= 1) {
        if (lane < s) {
            shared[t] = combine(shared[t], shared[t + s]);
        }
        __syncthreads();
    }
    V result = shared[t - lane];
    __syncthreads();
    return result;
}
