// Dtype conversion of a strided source into a strided destination: cast_<from>_<to> for every
// ordered pair of distinct dtypes (the same dtype takes copy_<size> in elementwise.cu). Integers and
// BOOL convert exactly in 64 bits (narrowing wraps); anything involving a floating type goes
// through double with Java's rounding and saturation, exactly as the CPU backend's copy does.
#include "common.cuh"

template <typename S, typename D>
__device__ void castElements(const Geometry& g, D* out, const S* in) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[2];
        operandOffsets<2>(g, i, off);
        if constexpr (!Elem<S>::floating && !Elem<D>::floating) {
            out[off[0]] = Elem<D>::fromLong(Elem<S>::toLong(in[off[1]]));
        } else {
            out[off[0]] = Elem<D>::fromDouble(Elem<S>::toDouble(in[off[1]]));
        }
    }
}

#define CAST_KERNEL(NAME_SUFFIX, S, D) \
    extern "C" __global__ void cast_##NAME_SUFFIX(const __grid_constant__ Geometry g, D* out, const S* in) { \
        castElements<S, D>(g, out, in); \
    }

CAST_KERNEL(b8_i32, u8, int)
CAST_KERNEL(b8_i64, u8, i64)
CAST_KERNEL(b8_f32, u8, float)
CAST_KERNEL(b8_f64, u8, double)
CAST_KERNEL(i32_b8, int, u8)
CAST_KERNEL(i32_i64, int, i64)
CAST_KERNEL(i32_f32, int, float)
CAST_KERNEL(i32_f64, int, double)
CAST_KERNEL(i64_b8, i64, u8)
CAST_KERNEL(i64_i32, i64, int)
CAST_KERNEL(i64_f32, i64, float)
CAST_KERNEL(i64_f64, i64, double)
CAST_KERNEL(f32_b8, float, u8)
CAST_KERNEL(f32_i32, float, int)
CAST_KERNEL(f32_i64, float, i64)
CAST_KERNEL(f32_f64, float, double)
CAST_KERNEL(f64_b8, double, u8)
CAST_KERNEL(f64_i32, double, int)
CAST_KERNEL(f64_i64, double, i64)
CAST_KERNEL(f64_f32, double, float)
