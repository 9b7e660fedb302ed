// The Philox4x32-10 stream, ported verbatim from dev.ithaca.random.Philox and PhiloxSampler:
// element i of a tensor drawn at offset o uses block o + i/2 (even elements words 0-1, odd elements
// words 2-3), so a seed gives the same numbers here as on the CPU. Uniforms and integers are
// bit-identical (no fused multiply-add); normals go through log/cos/sin, whose last bit may differ
// between CUDA's and Java's math libraries.
#include "common.cuh"

#define DISTRIBUTION_UNIFORM 0
#define DISTRIBUTION_NORMAL 1
#define DISTRIBUTION_INTEGERS 2

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

__device__ __forceinline__ void philoxBlock(u64 seed, u64 block, u32 (&out)[4]) {
    u32 c0 = (u32) block;
    u32 c1 = (u32) (block >> 32);
    u32 c2 = 0;
    u32 c3 = 0;
    u32 k0 = (u32) seed;
    u32 k1 = (u32) (seed >> 32);
#pragma unroll
    for (int round = 0; round < 10; ++round) {
        const u32 hi0 = __umulhi(PHILOX_M0, c0);
        const u32 lo0 = PHILOX_M0 * c0;
        const u32 hi1 = __umulhi(PHILOX_M1, c2);
        const u32 lo1 = PHILOX_M1 * c2;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
}

// 53 random bits as a double in [0, 1).
__device__ __forceinline__ double unit53(u32 a, u32 b) {
    return (double) (((u64) (a >> 5) << 26) | (u64) (b >> 6)) * 1.1102230246251565e-16;
}

// low + (64-bit word pair, unsigned) mod range, wrapping as Java's long arithmetic.
__device__ __forceinline__ i64 integerOf(u32 a, u32 b, i64 low, u64 range) {
    const u64 bits = ((u64) a << 32) | (u64) b;
    return (i64) ((u64) low + bits % range);
}

struct RandomParams {
    i64 kind;
    i64 intLow;
    u64 intRange;
    double low;        // uniform low, or normal mean
    double width;      // uniform high - low, or normal std
    double high;       // uniform high
    double belowHigh;  // the largest float below high: where a FLOAT32 uniform that rounded up to high goes
};

template <typename T>
__device__ void randomPairs(T* out, u64 numel, u64 seed, u64 offset, const RandomParams& p) {
    GRID_STRIDE_LOOP(pair, (numel + 1) / 2) {
        u32 w[4];
        philoxBlock(seed, offset + pair, w);
        T v[2];
        if (p.kind == DISTRIBUTION_UNIFORM) {
            if constexpr (Elem<T>::floating && sizeof(T) == 4) {
                // FLOAT32: the top 24 bits of the first word, and the result must stay below high
                for (int k = 0; k < 2; ++k) {
                    const double unit = (double) (w[2 * k] >> 8) * 5.9604644775390625e-08;
                    float value = (float) (p.low + p.width * unit);
                    v[k] = (T) ((double) value >= p.high ? (float) p.belowHigh : value);
                }
            } else {
                v[0] = Elem<T>::fromDouble(p.low + p.width * unit53(w[0], w[1]));
                v[1] = Elem<T>::fromDouble(p.low + p.width * unit53(w[2], w[3]));
            }
        } else if (p.kind == DISTRIBUTION_NORMAL) {
            const double radius = ::sqrt(-2.0 * ::log(1.0 - unit53(w[0], w[1])));
            const double angle = 6.283185307179586 * unit53(w[2], w[3]);
            v[0] = Elem<T>::fromDouble(p.low + p.width * radius * ::cos(angle));
            v[1] = Elem<T>::fromDouble(p.low + p.width * radius * ::sin(angle));
        } else {
            const i64 a = integerOf(w[0], w[1], p.intLow, p.intRange);
            const i64 b = integerOf(w[2], w[3], p.intLow, p.intRange);
            if constexpr (Elem<T>::floating) {
                v[0] = Elem<T>::fromDouble((double) a);
                v[1] = Elem<T>::fromDouble((double) b);
            } else {
                v[0] = Elem<T>::fromLong(a);
                v[1] = Elem<T>::fromLong(b);
            }
        }
        const u64 first = 2 * pair;
        out[first] = v[0];
        if (first + 1 < numel) {
            out[first + 1] = v[1];
        }
    }
}

#define RANDOM_KERNEL(NAME_SUFFIX, T) \
    extern "C" __global__ void random_##NAME_SUFFIX(T* out, u64 numel, u64 seed, u64 offset, \
                                                    const __grid_constant__ RandomParams p) { \
        randomPairs<T>(out, numel, seed, offset, p); \
    }

RANDOM_KERNEL(i32, int)
RANDOM_KERNEL(i64, i64)
RANDOM_KERNEL(f32, float)
RANDOM_KERNEL(f64, double)
