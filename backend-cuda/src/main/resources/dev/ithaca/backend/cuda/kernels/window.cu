// Sliding-window kernels on [N, C, H, W] operands of any strides: im2col/col2im for convolution,
// max and average pooling. One thread per output element; col2im gathers every column entry that
// lands on its pixel (no atomics, so it is deterministic).
#include "common.cuh"

// Window2d plus the sizes it applies to (PyTorch's output-size formula is evaluated on the host).
struct Window {
    i64 batch, channels, height, width;
    i64 outH, outW;
    i64 kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW;
};

// Element strides of up to three operands: [n, c, h, w] for images, [n, row, position] for columns.
struct Layout {
    i64 a[4];
    i64 b[4];
    i64 c[4];
};

template <typename T> struct Sum { typedef i64 type; };
template <> struct Sum<float> { typedef double type; };
template <> struct Sum<double> { typedef double type; };

// image (Layout.a) to columns [N, C*kH*kW, outH*outW] (Layout.b); padding reads as zero.
template <typename W>
__device__ void im2colElements(const Window& w, const Layout& l, W* columns, const W* image) {
    const i64 positions = w.outH * w.outW;
    const i64 rows = w.channels * w.kernelH * w.kernelW;
    GRID_STRIDE_LOOP(i, w.batch * rows * positions) {
        const i64 position = (i64) (i % (u64) positions);
        const i64 row = (i64) ((i / (u64) positions) % (u64) rows);
        const i64 n = (i64) (i / ((u64) positions * (u64) rows));
        const i64 c = row / (w.kernelH * w.kernelW);
        const i64 ki = (row / w.kernelW) % w.kernelH;
        const i64 kj = row % w.kernelW;
        const i64 ih = (position / w.outW) * w.strideH - w.padH + ki * w.dilationH;
        const i64 iw = (position % w.outW) * w.strideW - w.padW + kj * w.dilationW;
        W value = (W) 0;
        if (ih >= 0 && ih < w.height && iw >= 0 && iw < w.width) {
            value = image[n * l.a[0] + c * l.a[1] + ih * l.a[2] + iw * l.a[3]];
        }
        columns[n * l.b[0] + row * l.b[1] + position * l.b[2]] = value;
    }
}

// columns (Layout.b) summed back into image (Layout.a), accumulating onto what the image holds.
template <typename T>
__device__ void col2imElements(const Window& w, const Layout& l, const T* columns, T* image) {
    typedef typename Sum<T>::type S;
    GRID_STRIDE_LOOP(i, w.batch * w.channels * w.height * w.width) {
        const i64 x = (i64) (i % (u64) w.width);
        const i64 y = (i64) ((i / (u64) w.width) % (u64) w.height);
        const i64 c = (i64) ((i / ((u64) w.width * (u64) w.height)) % (u64) w.channels);
        const i64 n = (i64) (i / ((u64) w.width * (u64) w.height * (u64) w.channels));
        T* target = image + n * l.a[0] + c * l.a[1] + y * l.a[2] + x * l.a[3];
        S sum;
        if constexpr (Elem<T>::floating) {
            sum = (S) *target;
        } else {
            sum = Elem<T>::toLong(*target);
        }
        for (i64 ki = 0; ki < w.kernelH; ++ki) {
            const i64 hh = y + w.padH - ki * w.dilationH;
            if (hh < 0 || hh % w.strideH != 0 || hh / w.strideH >= w.outH) {
                continue;
            }
            for (i64 kj = 0; kj < w.kernelW; ++kj) {
                const i64 ww = x + w.padW - kj * w.dilationW;
                if (ww < 0 || ww % w.strideW != 0 || ww / w.strideW >= w.outW) {
                    continue;
                }
                const i64 row = (c * w.kernelH + ki) * w.kernelW + kj;
                const i64 position = (hh / w.strideH) * w.outW + ww / w.strideW;
                const T v = columns[n * l.b[0] + row * l.b[1] + position * l.b[2]];
                if constexpr (Elem<T>::floating) {
                    sum += (S) v;
                } else {
                    sum += Elem<T>::toLong(v);
                }
            }
        }
        if constexpr (Elem<T>::floating) {
            *target = (T) sum;
        } else {
            *target = Elem<T>::fromLong(sum);
        }
    }
}

// x (Layout.a) into out (Layout.b) and indices (Layout.c): the flat position h*W + w of each maximum
// within its plane. NaN wins and stays; the first maximum wins ties; padding is never picked.
template <typename T>
__device__ void maxPoolElements(const Window& w, const Layout& l, T* out, i64* indices, const T* x) {
    GRID_STRIDE_LOOP(i, w.batch * w.channels * w.outH * w.outW) {
        const i64 ox = (i64) (i % (u64) w.outW);
        const i64 oy = (i64) ((i / (u64) w.outW) % (u64) w.outH);
        const i64 c = (i64) ((i / ((u64) w.outW * (u64) w.outH)) % (u64) w.channels);
        const i64 n = (i64) (i / ((u64) w.outW * (u64) w.outH * (u64) w.channels));
        const T* plane = x + n * l.a[0] + c * l.a[1];
        T best = (T) 0;
        i64 bestAt = -1;
        for (i64 ki = 0; ki < w.kernelH; ++ki) {
            const i64 ih = oy * w.strideH - w.padH + ki * w.dilationH;
            if (ih < 0 || ih >= w.height) {
                continue;
            }
            for (i64 kj = 0; kj < w.kernelW; ++kj) {
                const i64 iw = ox * w.strideW - w.padW + kj * w.dilationW;
                if (iw < 0 || iw >= w.width) {
                    continue;
                }
                const T v = plane[ih * l.a[2] + iw * l.a[3]];
                if (bestAt < 0 || v > best || (v != v && best == best)) {
                    best = v;
                    bestAt = ih * w.width + iw;
                }
            }
        }
        out[n * l.b[0] + c * l.b[1] + oy * l.b[2] + ox * l.b[3]] = best;
        indices[n * l.c[0] + c * l.c[1] + oy * l.c[2] + ox * l.c[3]] = bestAt;
    }
}

// Padded cells count in the divisor only with countIncludePad; the window never reaches past the padding.
template <typename T>
__device__ void avgPoolElements(const Window& w, const Layout& l, int countIncludePad, T* out, const T* x) {
    GRID_STRIDE_LOOP(i, w.batch * w.channels * w.outH * w.outW) {
        const i64 ox = (i64) (i % (u64) w.outW);
        const i64 oy = (i64) ((i / (u64) w.outW) % (u64) w.outH);
        const i64 c = (i64) ((i / ((u64) w.outW * (u64) w.outH)) % (u64) w.channels);
        const i64 n = (i64) (i / ((u64) w.outW * (u64) w.outH * (u64) w.channels));
        const T* plane = x + n * l.a[0] + c * l.a[1];
        const i64 h0 = oy * w.strideH - w.padH;
        const i64 h1 = h0 + w.kernelH < w.height + w.padH ? h0 + w.kernelH : w.height + w.padH;
        const i64 w0 = ox * w.strideW - w.padW;
        const i64 w1 = w0 + w.kernelW < w.width + w.padW ? w0 + w.kernelW : w.width + w.padW;
        const i64 paddedArea = (h1 - h0) * (w1 - w0);
        const i64 hs = h0 > 0 ? h0 : 0;
        const i64 he = h1 < w.height ? h1 : w.height;
        const i64 ws = w0 > 0 ? w0 : 0;
        const i64 we = w1 < w.width ? w1 : w.width;
        double sum = 0.0;
        for (i64 ih = hs; ih < he; ++ih) {
            for (i64 iw = ws; iw < we; ++iw) {
                sum += Elem<T>::toDouble(plane[ih * l.a[2] + iw * l.a[3]]);
            }
        }
        const i64 divisor = countIncludePad ? paddedArea : (he - hs) * (we - ws);
        out[n * l.b[0] + c * l.b[1] + oy * l.b[2] + ox * l.b[3]] = Elem<T>::fromDouble(sum / (double) divisor);
    }
}

#define IM2COL_KERNEL(NAME_SUFFIX, W) \
    extern "C" __global__ void im2col_##NAME_SUFFIX(const __grid_constant__ Window w, const __grid_constant__ Layout l, \
                                                    W* columns, const W* image) { \
        im2colElements<W>(w, l, columns, image); \
    }

IM2COL_KERNEL(1, u8)
IM2COL_KERNEL(4, u32)
IM2COL_KERNEL(8, u64)

#define WINDOW_KERNELS(NAME_SUFFIX, T) \
    extern "C" __global__ void col2im_##NAME_SUFFIX(const __grid_constant__ Window w, const __grid_constant__ Layout l, \
                                                    const T* columns, T* image) { \
        col2imElements<T>(w, l, columns, image); \
    } \
    extern "C" __global__ void max_pool_##NAME_SUFFIX(const __grid_constant__ Window w, \
            const __grid_constant__ Layout l, T* out, i64* indices, const T* x) { \
        maxPoolElements<T>(w, l, out, indices, x); \
    } \
    extern "C" __global__ void avg_pool_##NAME_SUFFIX(const __grid_constant__ Window w, \
            const __grid_constant__ Layout l, int countIncludePad, T* out, const T* x) { \
        avgPoolElements<T>(w, l, countIncludePad, out, x); \
    }

WINDOW_KERNELS(b8, u8)
WINDOW_KERNELS(i32, int)
WINDOW_KERNELS(i64, i64)
WINDOW_KERNELS(f32, float)
WINDOW_KERNELS(f64, double)
