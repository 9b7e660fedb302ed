// fill, copy, where, unary, clamp and binary over strided operands (one thread per element,
// grid-stride). Operand 0 of the geometry is always the output. Definitions follow the CPU
// backend's ScalarMath: floating values in their own type, integers and BOOL exactly in 64 bits.
#include "common.cuh"

// UnaryOp.ordinal() (checked against the Java enum by a unit test)
#define UNARY_NEG 0
#define UNARY_ABS 1
#define UNARY_EXP 2
#define UNARY_LOG 3
#define UNARY_SQRT 4
#define UNARY_RSQRT 5
#define UNARY_TANH 6
#define UNARY_SIGMOID 7
#define UNARY_RELU 8
#define UNARY_GELU 9
#define UNARY_GELU_TANH 10
#define UNARY_SILU 11
#define UNARY_SIGN 12
#define UNARY_RECIPROCAL 13
#define UNARY_SQUARE 14
#define UNARY_GELU_GRAD 15
#define UNARY_GELU_TANH_GRAD 16

// BinaryOp.ordinal()
#define BINARY_ADD 0
#define BINARY_SUB 1
#define BINARY_MUL 2
#define BINARY_DIV 3
#define BINARY_POW 4
#define BINARY_MAXIMUM 5
#define BINARY_MINIMUM 6
#define BINARY_EQ 7
#define BINARY_NE 8
#define BINARY_LT 9
#define BINARY_LE 10
#define BINARY_GT 11
#define BINARY_GE 12

// Error codes a kernel leaves in its error word (DeviceErrorFlag on the Java side).
#define ERROR_NEGATIVE_INTEGER_POWER 1

// ---- fill, copy and where move raw elements of 1, 4 or 8 bytes -----------------------------------

template <typename W>
__device__ void fillElements(const Geometry& g, W* out, W value) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[1];
        operandOffsets<1>(g, i, off);
        out[off[0]] = value;
    }
}

template <typename W>
__device__ void copyElements(const Geometry& g, W* out, const W* in) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[2];
        operandOffsets<2>(g, i, off);
        out[off[0]] = in[off[1]];
    }
}

template <typename W>
__device__ void whereElements(const Geometry& g, W* out, const u8* cond, const W* a, const W* b) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[4];
        operandOffsets<4>(g, i, off);
        out[off[0]] = cond[off[1]] != 0 ? a[off[2]] : b[off[3]];
    }
}

#define RAW_KERNELS(NAME_SUFFIX, W) \
    extern "C" __global__ void fill_##NAME_SUFFIX(const __grid_constant__ Geometry g, W* out, u64 bits) { \
        fillElements<W>(g, out, (W) bits); \
    } \
    extern "C" __global__ void copy_##NAME_SUFFIX(const __grid_constant__ Geometry g, W* out, const W* in) { \
        copyElements<W>(g, out, in); \
    } \
    extern "C" __global__ void where_##NAME_SUFFIX(const __grid_constant__ Geometry g, W* out, const u8* cond, \
                                                   const W* a, const W* b) { \
        whereElements<W>(g, out, cond, a, b); \
    }

// fill_1, copy_1, where_1 for BOOL; _4 for INT32/FLOAT32; _8 for INT64/FLOAT64
RAW_KERNELS(1, u8)
RAW_KERNELS(4, u32)
RAW_KERNELS(8, u64)

// ---- unary ----------------------------------------------------------------------------------------

template <typename T>
__device__ __forceinline__ T sigmoidOf(T x) {
    // both branches avoid overflow of exp
    if (x >= (T) 0) {
        return (T) 1 / ((T) 1 + Math<T>::exp(-x));
    }
    T e = Math<T>::exp(x);
    return e / ((T) 1 + e);
}

template <typename T>
__device__ __forceinline__ T unaryFloating(int op, T x) {
    const T sqrt2OverPi = (T) 0.7978845608028654;
    const T invSqrt2 = (T) 0.7071067811865476;
    const T invSqrt2Pi = (T) 0.3989422804014327;
    switch (op) {
        case UNARY_NEG: return -x;
        case UNARY_ABS: return Math<T>::abs(x);
        case UNARY_EXP: return Math<T>::exp(x);
        case UNARY_LOG: return Math<T>::log(x);
        case UNARY_SQRT: return Math<T>::sqrt(x);
        case UNARY_RSQRT: return (T) 1 / Math<T>::sqrt(x);
        case UNARY_TANH: return Math<T>::tanh(x);
        case UNARY_SIGMOID: return sigmoidOf(x);
        case UNARY_RELU: return x > (T) 0 ? x : (x != x ? x : (T) 0);
        case UNARY_GELU: return (T) 0.5 * x * ((T) 1 + Math<T>::erf(x * invSqrt2));
        case UNARY_GELU_TANH:
            return (T) 0.5 * x * ((T) 1 + Math<T>::tanh(sqrt2OverPi * (x + (T) 0.044715 * x * x * x)));
        case UNARY_SILU: return x * sigmoidOf(x);
        case UNARY_SIGN: return x != x || x == (T) 0 ? x : (x > (T) 0 ? (T) 1 : (T) -1);   // keeps NaN and ±0
        case UNARY_RECIPROCAL: return (T) 1 / x;
        case UNARY_SQUARE: return x * x;
        case UNARY_GELU_GRAD:
            return (T) 0.5 * ((T) 1 + Math<T>::erf(x * invSqrt2)) + x * Math<T>::exp((T) -0.5 * x * x) * invSqrt2Pi;
        case UNARY_GELU_TANH_GRAD: {
            T inner = sqrt2OverPi * (x + (T) 0.044715 * x * x * x);
            T t = Math<T>::tanh(inner);
            T innerGrad = sqrt2OverPi * ((T) 1 + (T) 3 * (T) 0.044715 * x * x);
            return (T) 0.5 * ((T) 1 + t) + (T) 0.5 * x * ((T) 1 - t * t) * innerGrad;
        }
        default: return x;
    }
}

// Integer-valued ops only (the Java side rejects the floating-only ones before launching).
__device__ __forceinline__ i64 unaryInteger(int op, i64 x) {
    switch (op) {
        case UNARY_NEG: return -x;
        case UNARY_ABS: return x < 0 ? -x : x;
        case UNARY_RELU: return x > 0 ? x : 0;
        case UNARY_SIGN: return (x > 0) - (x < 0);
        case UNARY_SQUARE: return x * x;
        default: return x;
    }
}

template <typename T>
__device__ void unaryElements(const Geometry& g, T* out, const T* x, int op) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[2];
        operandOffsets<2>(g, i, off);
        if constexpr (Elem<T>::floating) {
            out[off[0]] = unaryFloating<T>(op, x[off[1]]);
        } else {
            out[off[0]] = Elem<T>::fromLong(unaryInteger(op, Elem<T>::toLong(x[off[1]])));
        }
    }
}

// Integer types use the host-rounded bounds lo/hi (ceil(min), floor(max)); floating types compare in double.
template <typename T>
__device__ void clampElements(const Geometry& g, T* out, const T* x, double min, double max, i64 lo, i64 hi) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[2];
        operandOffsets<2>(g, i, off);
        if constexpr (Elem<T>::floating) {
            double v = Elem<T>::toDouble(x[off[1]]);
            out[off[0]] = Elem<T>::fromDouble(v < min ? min : (v > max ? max : v));
        } else {
            i64 v = Elem<T>::toLong(x[off[1]]);
            v = v < lo ? lo : v;
            out[off[0]] = Elem<T>::fromLong(v > hi ? hi : v);
        }
    }
}

// ---- binary ---------------------------------------------------------------------------------------

template <typename T>
__device__ __forceinline__ T binaryFloating(int op, T a, T b) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_DIV: return a / b;
        case BINARY_POW: return (T) pow((double) a, (double) b);
        case BINARY_MAXIMUM: return a != a || b != b ? (T) quietNaN() : javaMax(a, b);
        case BINARY_MINIMUM: return a != a || b != b ? (T) quietNaN() : javaMin(a, b);
        default: return (T) 0;
    }
}

template <typename T>
__device__ __forceinline__ bool compare(int op, T a, T b) {
    switch (op) {
        case BINARY_EQ: return a == b;
        case BINARY_NE: return a != b;
        case BINARY_LT: return a < b;
        case BINARY_LE: return a <= b;
        case BINARY_GT: return a > b;
        default: return a >= b;
    }
}

// Integer power by squaring, wrapping on overflow as PyTorch's integer pow does.
__device__ __forceinline__ i64 powLong(i64 base, i64 exponent) {
    i64 result = 1;
    i64 b = base;
    i64 e = exponent;
    while (e > 0) {
        if ((e & 1) != 0) {
            result *= b;
        }
        b *= b;
        e >>= 1;
    }
    return result;
}

__device__ __forceinline__ i64 binaryInteger(int op, i64 a, i64 b, int* error) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_POW:
            if (b < 0) {
                atomicExch(error, ERROR_NEGATIVE_INTEGER_POWER);
                return 0;
            }
            return powLong(a, b);
        case BINARY_MAXIMUM: return a > b ? a : b;
        case BINARY_MINIMUM: return a < b ? a : b;
        default: return 0;
    }
}

template <typename T>
__device__ void binaryElements(const Geometry& g, void* out, const T* a, const T* b, int op, int* error) {
    const bool comparison = op >= BINARY_EQ;
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[3];
        operandOffsets<3>(g, i, off);
        T x = a[off[1]];
        T y = b[off[2]];
        if constexpr (Elem<T>::floating) {
            if (comparison) {
                ((u8*) out)[off[0]] = compare<T>(op, x, y) ? 1 : 0;
            } else {
                ((T*) out)[off[0]] = binaryFloating<T>(op, x, y);
            }
        } else {
            i64 p = Elem<T>::toLong(x);
            i64 q = Elem<T>::toLong(y);
            if (comparison) {
                ((u8*) out)[off[0]] = compare<i64>(op, p, q) ? 1 : 0;
            } else {
                ((T*) out)[off[0]] = Elem<T>::fromLong(binaryInteger(op, p, q, error));
            }
        }
    }
}

#define TYPED_KERNELS(NAME_SUFFIX, T) \
    extern "C" __global__ void unary_##NAME_SUFFIX(const __grid_constant__ Geometry g, T* out, const T* x, int op) { \
        unaryElements<T>(g, out, x, op); \
    } \
    extern "C" __global__ void clamp_##NAME_SUFFIX(const __grid_constant__ Geometry g, T* out, const T* x, \
                                                   double min, double max, i64 lo, i64 hi) { \
        clampElements<T>(g, out, x, min, max, lo, hi); \
    } \
    extern "C" __global__ void binary_##NAME_SUFFIX(const __grid_constant__ Geometry g, void* out, const T* a, \
                                                    const T* b, int op, int* error) { \
        binaryElements<T>(g, out, a, b, op, error); \
    }

TYPED_KERNELS(b8, u8)
TYPED_KERNELS(i32, int)
TYPED_KERNELS(i64, i64)
TYPED_KERNELS(f32, float)
TYPED_KERNELS(f64, double)
