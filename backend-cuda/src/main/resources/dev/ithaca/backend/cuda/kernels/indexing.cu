// gather (and indexSelect, which the Java side expresses as a gather with a broadcast index) and
// scatterAdd. Out-of-range indices never touch memory: the element is skipped (gather writes 0)
// and the error word is set, so the host can report the first bad index as the CPU backend does.
#include "common.cuh"

#define ERROR_INDEX_OUT_OF_RANGE 1

// Geometry operands: 0 out, 1 the INT64 index, 2 x with stride 0 on `dim` (the address of x[.., 0, ..]).
template <typename W>
__device__ void gatherElements(const Geometry& g, W* out, const i64* index, const W* x, i64 limit, i64 xDimStride,
                               int* error) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[3];
        operandOffsets<3>(g, i, off);
        i64 idx = index[off[1]];
        if (idx < 0 || idx >= limit) {
            atomicExch(error, ERROR_INDEX_OUT_OF_RANGE);
            out[off[0]] = (W) 0;
        } else {
            out[off[0]] = x[off[2] + idx * xDimStride];
        }
    }
}

#define GATHER_KERNEL(NAME_SUFFIX, W) \
    extern "C" __global__ void gather_##NAME_SUFFIX(const __grid_constant__ Geometry g, W* out, const i64* index, \
                                                    const W* x, i64 limit, i64 xDimStride, int* error) { \
        gatherElements<W>(g, out, index, x, limit, xDimStride, error); \
    }

GATHER_KERNEL(1, u8)
GATHER_KERNEL(4, u32)
GATHER_KERNEL(8, u64)

// Atomic accumulation per element type. Floating sums may associate differently from run to run
// (as PyTorch's CUDA scatter_add); integer sums are exact. BOOL accumulates as logical or.
__device__ __forceinline__ void atomicAccumulate(float* target, float v) { atomicAdd(target, v); }
__device__ __forceinline__ void atomicAccumulate(double* target, double v) { atomicAdd(target, v); }
__device__ __forceinline__ void atomicAccumulate(int* target, int v) { atomicAdd(target, v); }
__device__ __forceinline__ void atomicAccumulate(i64* target, i64 v) { atomicAdd((u64*) target, (u64) v); }
__device__ __forceinline__ void atomicAccumulate(u8* target, u8 v) {
    if (v != 0) {
        // the aligned 32-bit word holding the byte: blocks are at least 512-byte aligned and sized
        const u64 address = (u64) target;
        u32* word = (u32*) (address & ~(u64) 3);
        atomicOr(word, 1u << ((address & 3) * 8));
    }
}

// Geometry operands: 0 out with stride 0 on `dim`, 1 the INT64 index, 2 src.
template <typename T>
__device__ void scatterAddElements(const Geometry& g, T* out, const i64* index, const T* src, i64 limit,
                                   i64 outDimStride, int* error) {
    GRID_STRIDE_LOOP(i, g.numel) {
        i64 off[3];
        operandOffsets<3>(g, i, off);
        i64 idx = index[off[1]];
        if (idx < 0 || idx >= limit) {
            atomicExch(error, ERROR_INDEX_OUT_OF_RANGE);
        } else {
            atomicAccumulate(out + off[0] + idx * outDimStride, src[off[2]]);
        }
    }
}

#define SCATTER_ADD_KERNEL(NAME_SUFFIX, T) \
    extern "C" __global__ void scatter_add_##NAME_SUFFIX(const __grid_constant__ Geometry g, T* out, const i64* index, \
                                                         const T* src, i64 limit, i64 outDimStride, int* error) { \
        scatterAddElements<T>(g, out, index, src, limit, outDimStride, error); \
    }

SCATTER_ADD_KERNEL(b8, u8)
SCATTER_ADD_KERNEL(i32, int)
SCATTER_ADD_KERNEL(i64, i64)
SCATTER_ADD_KERNEL(f32, float)
SCATTER_ADD_KERNEL(f64, double)
