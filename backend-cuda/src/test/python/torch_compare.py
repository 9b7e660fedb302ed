#!/usr/bin/env python3
"""PyTorch counterpart of dev.ithaca.backend.cuda.CudaTimingHarness: the same three measurements,
printed in the same format, so the two outputs can be compared line by line on one GPU.

  python3 backend-cuda/src/test/python/torch_compare.py          # FP32 matmul (PyTorch's default)
  ITHACA_TF32=1 python3 backend-cuda/src/test/python/torch_compare.py   # TF32, as -Dithaca.cuda.tf32=true
"""
import os
import sys
import time

import torch


def timed(fn, iterations, warmup):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(iterations):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / iterations


def sgemm(n=4096, iterations=20):
    g = torch.Generator(device="cuda").manual_seed(1)
    a = torch.randn(n, n, device="cuda", generator=g)
    b = torch.randn(n, n, device="cuda", generator=g)
    ours = timed(lambda: torch.matmul(a, b), iterations, 3)
    c = torch.empty(n, n, device="cuda")
    raw = timed(lambda: torch.mm(a, b, out=c), iterations, 3)
    flops = 2.0 * n ** 3
    print(f"sgemm {n}: torch.matmul {ours * 1e3:.3f} ms ({flops / ours / 1e12:.1f} TFLOP/s), "
          f"torch.mm(out=) {raw * 1e3:.3f} ms ({flops / raw / 1e12:.1f} TFLOP/s), ratio {ours / raw:.3f}")


def elementwise(n=256 << 20, iterations=20):
    a = torch.ones(n, device="cuda")
    b = torch.ones(n, device="cuda")
    dst = torch.zeros(n, device="cuda")
    add = timed(lambda: torch.add(a, b), iterations, 2)
    copy = timed(lambda: dst.copy_(a), iterations, 2)
    nbytes = n * 4
    print(f"add {n >> 20}M floats: {add * 1e3:.3f} ms ({3 * nbytes / add / 1e9:.0f} GB/s), copy {copy * 1e3:.3f} ms "
          f"({2 * nbytes / copy / 1e9:.0f} GB/s), bandwidth ratio {(3 * nbytes / add) / (2 * nbytes / copy):.3f}")


def mlp(batch, steps, fused):
    torch.manual_seed(2)
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512), torch.nn.ReLU(),
                                torch.nn.Linear(512, 10)).cuda()
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(batch, 784, device="cuda")
    y = torch.randint(0, 10, (batch,), device="cuda")
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, fused=fused)
    with torch.no_grad():
        first = loss_fn(model(x), y).item()

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    per_step = timed(step, steps, 20)
    with torch.no_grad():
        last = loss_fn(model(x), y).item()
    kind = "fused" if fused else "foreach"
    print(f"mlp 784-512-512-10 adam batch {batch}: {per_step * 1e3:.3f} ms/step ({batch / per_step:.0f} samples/s), "
          f"loss {first:.4f} -> {last:.4f} after {steps + 20} steps [torch {kind}]")


def main():
    if not torch.cuda.is_available():
        print("SKIP: torch.cuda is not available")
        return 2
    tf32 = os.environ.get("ITHACA_TF32", "0") == "1"
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    print(f"device: {torch.cuda.get_device_name()} (torch {torch.__version__}, CUDA {torch.version.cuda}), "
          f"TF32 {'on' if tf32 else 'off'}")
    sgemm()
    elementwise()
    for batch, steps in ((128, 200), (4096, 100)):
        mlp(batch, steps, fused=False)
        mlp(batch, steps, fused=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
