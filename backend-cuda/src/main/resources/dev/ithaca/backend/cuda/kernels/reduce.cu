// Reductions, variance and arg-max/min. A group of tpo threads (a power of two, ReductionPlan on
// the Java side) reduces one output, or one of `splits` chunks of it when a few outputs cover many
// elements; chunk results then go to a partials buffer that reduce_finish_* combines in a fixed
// order, so results are reproducible run to run. Floating values accumulate in double, integers
// and BOOL in 64-bit integers, as the CPU backend does.
#include "common.cuh"

// ReduceOp.ordinal()
#define REDUCE_SUM 0
#define REDUCE_MEAN 1
#define REDUCE_MAX 2
#define REDUCE_MIN 3
#define REDUCE_PROD 4

// The block of x one output covers: the reduced dims, coalesced, with element strides.
struct ReducedBlock {
    i64 rank;
    i64 count;
    i64 sizes[ITHACA_MAX_DIMS];
    i64 strides[ITHACA_MAX_DIMS];
};

__device__ __forceinline__ i64 blockOffset(const ReducedBlock& b, u64 j) {
    if (b.rank == 1) {
        return (i64) j * b.strides[0];
    }
    i64 off = 0;
    for (int d = (int) b.rank - 1; d >= 0; --d) {
        u64 size = (u64) b.sizes[d];
        off += (i64) (j % size) * b.strides[d];
        j /= size;
    }
    return off;
}

template <typename T> struct Accumulator { typedef i64 type; };
template <> struct Accumulator<float> { typedef double type; };
template <> struct Accumulator<double> { typedef double type; };

// Max and min propagate NaN, as PyTorch's do.
__device__ __forceinline__ double combine(int op, double acc, double v) {
    switch (op) {
        case REDUCE_PROD: return acc * v;
        case REDUCE_MAX: return acc != acc || v != v ? quietNaN() : javaMax(acc, v);
        case REDUCE_MIN: return acc != acc || v != v ? quietNaN() : javaMin(acc, v);
        default: return acc + v;
    }
}

__device__ __forceinline__ i64 combine(int op, i64 acc, i64 v) {
    switch (op) {
        case REDUCE_PROD: return acc * v;
        case REDUCE_MAX: return acc > v ? acc : v;
        case REDUCE_MIN: return acc < v ? acc : v;
        default: return acc + v;
    }
}

template <typename T>
__device__ __forceinline__ typename Accumulator<T>::type identity(int op) {
    if constexpr (Elem<T>::floating) {
        switch (op) {
            case REDUCE_PROD: return 1.0;
            case REDUCE_MAX: return -positiveInfinity();
            case REDUCE_MIN: return positiveInfinity();
            default: return 0.0;
        }
    } else {
        // INT32 starts from its own range, as the CPU backend's identityLong
        const bool narrow = sizeof(T) == 4;
        switch (op) {
            case REDUCE_PROD: return 1;
            case REDUCE_MAX: return narrow ? (i64) (int) 0x80000000u : (i64) 0x8000000000000000ull;
            case REDUCE_MIN: return narrow ? (i64) 0x7FFFFFFF : (i64) 0x7FFFFFFFFFFFFFFFull;
            default: return 0;
        }
    }
}

__device__ __forceinline__ void finishAndStore(void* out, i64 off, int outCode, double v, int divide, double denominator) {
    storeDouble(out, off, outCode, divide ? v / denominator : v);
}

__device__ __forceinline__ void finishAndStore(void* out, i64 off, int outCode, i64 v, int divide, double denominator) {
    storeLong(out, off, outCode, v);
}

// Geometry operands: 0 the output, 1 x restricted to one element per output (size 1 on reduced dims).
// squaredDeviation: accumulate (x - means[output])^2 instead of x (the second pass of variance).
template <typename T>
__device__ void reduceGroups(const Geometry& g, void* out, const T* x, const ReducedBlock& blk, int op, int outCode,
                             int squaredDeviation, const double* means, int divide, double denominator,
                             void* partials, i64 splits, int tpo) {
    typedef typename Accumulator<T>::type A;
    __shared__ A shared[ITHACA_BLOCK];
    const u64 group = (u64) blockIdx.x * (ITHACA_BLOCK / tpo) + threadIdx.x / tpo;
    const int lane = threadIdx.x & (tpo - 1);
    const bool active = group < (u64) g.numel * (u64) splits;
    const u64 output = active ? group / (u64) splits : 0;
    const u64 split = active ? group % (u64) splits : 0;
    i64 off[2] = {0, 0};
    A acc = identity<T>(op);
    if (active) {
        operandOffsets<2>(g, output, off);
        const T* base = x + off[1];
        const u64 count = (u64) blk.count;
        const u64 chunk = (count + (u64) splits - 1) / (u64) splits;
        const u64 start = split * chunk;
        const u64 end = start + chunk < count ? start + chunk : count;
        const double mean = squaredDeviation ? means[output] : 0.0;
        for (u64 j = start + lane; j < end; j += tpo) {
            T v = base[blockOffset(blk, j)];
            if constexpr (Elem<T>::floating) {
                double d = Elem<T>::toDouble(v);
                if (squaredDeviation) {
                    d -= mean;
                    d = d * d;
                }
                acc = combine(op, acc, d);
            } else {
                acc = combine(op, acc, Elem<T>::toLong(v));
            }
        }
    }
    acc = groupReduce(acc, shared, tpo, [op](A a, A b) { return combine(op, a, b); });
    if (active && lane == 0) {
        if (splits == 1) {
            finishAndStore(out, off[0], outCode, acc, divide, denominator);
        } else {
            ((A*) partials)[output * (u64) splits + split] = acc;
        }
    }
}

// Combines each output's `splits` partials in order, then finishes and stores it (geometry: the output).
template <typename A>
__device__ void finishPartials(const Geometry& g, void* out, const A* partials, i64 splits, int op, int outCode,
                               int divide, double denominator) {
    GRID_STRIDE_LOOP(o, g.numel) {
        i64 off[1];
        operandOffsets<1>(g, o, off);
        A acc = partials[o * (u64) splits];
        for (i64 s = 1; s < splits; ++s) {
            acc = combine(op, acc, partials[o * (u64) splits + s]);
        }
        finishAndStore(out, off[0], outCode, acc, divide, denominator);
    }
}

extern "C" __global__ void reduce_finish_f64(const __grid_constant__ Geometry g, void* out, const double* partials,
                                             i64 splits, int op, int outCode, int divide, double denominator) {
    finishPartials<double>(g, out, partials, splits, op, outCode, divide, denominator);
}

extern "C" __global__ void reduce_finish_i64(const __grid_constant__ Geometry g, void* out, const i64* partials,
                                             i64 splits, int op, int outCode, int divide, double denominator) {
    finishPartials<i64>(g, out, partials, splits, op, outCode, divide, denominator);
}

// ---- arg-max / arg-min along one dim ---------------------------------------------------------------

template <typename T>
struct Candidate {
    T value;
    i64 index;   // -1: none yet
};

// The first extreme wins ties; NaN counts as the extreme value (the first NaN wins), as in PyTorch.
template <typename T>
__device__ __forceinline__ Candidate<T> better(Candidate<T> p, Candidate<T> q, int isMax) {
    if (p.index < 0) {
        return q;
    }
    if (q.index < 0) {
        return p;
    }
    if constexpr (Elem<T>::floating) {
        const bool pNan = p.value != p.value;
        const bool qNan = q.value != q.value;
        if (pNan || qNan) {
            if (pNan && qNan) {
                return p.index < q.index ? p : q;
            }
            return pNan ? p : q;
        }
    }
    if (p.value == q.value) {
        return p.index < q.index ? p : q;
    }
    return (isMax ? p.value > q.value : p.value < q.value) ? p : q;
}

// Geometry operands: 0 the INT64 output, 1 x restricted to one element per output.
template <typename T>
__device__ void argReduceGroups(const Geometry& g, i64* out, const T* x, i64 size, i64 stride, int isMax, int tpo) {
    __shared__ Candidate<T> shared[ITHACA_BLOCK];
    const u64 group = (u64) blockIdx.x * (ITHACA_BLOCK / tpo) + threadIdx.x / tpo;
    const int lane = threadIdx.x & (tpo - 1);
    const bool active = group < (u64) g.numel;
    i64 off[2] = {0, 0};
    Candidate<T> best;
    best.value = (T) 0;
    best.index = -1;
    if (active) {
        operandOffsets<2>(g, group, off);
        const T* base = x + off[1];
        for (i64 j = lane; j < size; j += tpo) {
            Candidate<T> c;
            c.value = base[j * stride];
            c.index = j;
            best = better(best, c, isMax);
        }
    }
    best = groupReduce(best, shared, tpo, [isMax](Candidate<T> p, Candidate<T> q) { return better(p, q, isMax); });
    if (active && lane == 0) {
        out[off[0]] = best.index < 0 ? 0 : best.index;
    }
}

#define REDUCE_KERNELS(NAME_SUFFIX, T) \
    extern "C" __global__ void reduce_##NAME_SUFFIX(const __grid_constant__ Geometry g, void* out, const T* x, \
            const __grid_constant__ ReducedBlock blk, int op, int outCode, int squaredDeviation, const double* means, \
            int divide, double denominator, void* partials, i64 splits, int tpo) { \
        reduceGroups<T>(g, out, x, blk, op, outCode, squaredDeviation, means, divide, denominator, partials, splits, tpo); \
    } \
    extern "C" __global__ void argreduce_##NAME_SUFFIX(const __grid_constant__ Geometry g, i64* out, const T* x, \
            i64 size, i64 stride, int isMax, int tpo) { \
        argReduceGroups<T>(g, out, x, size, stride, isMax, tpo); \
    }

REDUCE_KERNELS(b8, u8)
REDUCE_KERNELS(i32, int)
REDUCE_KERNELS(i64, i64)
REDUCE_KERNELS(f32, float)
REDUCE_KERNELS(f64, double)
