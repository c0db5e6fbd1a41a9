#!/usr/bin/env python3
"""The PyTorch side of ConvNet Studio's speed comparison: whole training steps of the book's networks.

Same work as `convnet bench`: real FashionMNIST from the repository's IDX files, a shuffled batch
turned into floats in [0, 1], resized on the tensor from 28 to the input size (bilinear,
align_corners=False, as the engine and torchvision's Resize), forward, softmax cross-entropy,
backward, SGD update (lr 0.01, PyTorch's torch.optim.SGD), Xavier-uniform weights, the loss read
back each step. The networks are d2l-en's PyTorch definitions (LeNet §7.6, AlexNet §8.1, ResNet-18
§8.6) for one input channel; --expect-params checks the parameter count against
`convnet summary MODEL --json`. Prints the median step after warm-up and where a step goes.

    python3 engine/bench/pytorch_baseline.py --model alexnet --input 96 --batch-size 128 --json
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import time

import torch
from torch import nn
from torch.nn import functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "assets", "datasets", "fashion-mnist")


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(),
        nn.Linear(84, 10))


def alexnet(size):
    features = nn.Sequential(
        nn.Conv2d(1, 96, kernel_size=11, stride=4, padding=1), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(96, 256, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Flatten())
    with torch.no_grad():
        flat = features(torch.zeros(1, 1, size, size)).shape[1]  # d2l uses LazyLinear
    return nn.Sequential(features,
        nn.Linear(flat, 4096), nn.ReLU(), nn.Dropout(p=0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(p=0.5),
        nn.Linear(4096, 10))


class Residual(nn.Module):
    """d2l §8.6: two 3x3 convs with batch norm, a 1x1 conv shortcut when the shape changes."""

    def __init__(self, in_channels, num_channels, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, num_channels, kernel_size=3, padding=1, stride=strides)
        self.conv2 = nn.Conv2d(num_channels, num_channels, kernel_size=3, padding=1)
        self.conv3 = nn.Conv2d(in_channels, num_channels, kernel_size=1, stride=strides) if use_1x1conv else None
        self.bn1 = nn.BatchNorm2d(num_channels)
        self.bn2 = nn.BatchNorm2d(num_channels)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        if self.conv3 is not None:
            x = self.conv3(x)
        return F.relu(y + x)


def resnet18():
    def block(in_channels, num_channels, num_residuals, first_block=False):
        layers = []
        for i in range(num_residuals):
            if i == 0 and not first_block:
                layers.append(Residual(in_channels, num_channels, use_1x1conv=True, strides=2))
            else:
                layers.append(Residual(num_channels, num_channels))
        return nn.Sequential(*layers)

    b1 = nn.Sequential(nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3), nn.BatchNorm2d(64), nn.ReLU(),
                       nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
    return nn.Sequential(b1, block(64, 64, 2, first_block=True), block(64, 128, 2), block(128, 256, 2),
                         block(256, 512, 2), nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(512, 10))


def build(model, size):
    if model == "lenet":
        return lenet()
    if model == "alexnet":
        return alexnet(size)
    if model == "resnet18":
        return resnet18()
    raise SystemExit("unknown model " + model)


def read_idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).view(count, 1, rows, cols)
    return torch.frombuffer(bytearray(data[8:]), dtype=torch.uint8).long()


def blas_library():
    """Which BLAS this process loaded: Debian's python3-torch calls whatever libblas.so.3 the system's
    alternatives point to, and the reference BLAS (package libblas3) runs AlexNet's dense layers ~10x
    slower than OpenBLAS (libopenblas0-pthread), which is what the comparison is meant to be against."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line or "mkl" in line}
    except OSError:
        return "unknown"
    for p in sorted(paths):
        if "openblas" in p or "mkl" in p:
            return os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p)
    real = sorted(os.path.realpath(p) for p in paths)
    return "reference BLAS (" + ", ".join(real) + ")" if real else "built in"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", default="lenet")
    p.add_argument("--input", type=int, default=None)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--batches", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: cores, as the engine)")
    p.add_argument("--expect-params", type=int, default=None)
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    size = a.input or (28 if a.model == "lenet" else 224)
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = build(a.model, size)
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
    params = sum(t.numel() for t in net.parameters())
    if a.expect_params is not None and params != a.expect_params:
        raise SystemExit(f"{a.model}: {params} parameters, but convnet summary says {a.expect_params}")
    net.train()
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    images = read_idx("train-images-idx3-ubyte.gz")
    labels = read_idx("train-labels-idx1-ubyte.gz")
    order = torch.randperm(images.shape[0])
    pos = 0
    steps, phases = [], {"data": [], "forward": [], "backward": [], "update": []}
    cpu0 = None
    for i in range(a.warmup + a.batches):
        if i == a.warmup:
            cpu0 = time.process_time()
        if pos + a.batch_size > len(order):
            pos = 0
        t0 = time.perf_counter()
        idx = order[pos:pos + a.batch_size]
        x = images[idx].float().div_(255)
        if size != x.shape[-1]:
            x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
        y = labels[idx]
        t1 = time.perf_counter()
        loss = loss_fn(net(x), y)
        t2 = time.perf_counter()
        opt.zero_grad()
        loss.backward()
        loss.item()
        t3 = time.perf_counter()
        opt.step()
        t4 = time.perf_counter()
        pos += a.batch_size
        if i >= a.warmup:
            steps.append((t4 - t0) * 1000)
            for k, (s, e) in zip(phases, [(t0, t1), (t1, t2), (t2, t3), (t3, t4)]):
                phases[k].append((e - s) * 1000)
    cpu_ms = (time.process_time() - cpu0) * 1000 / a.batches
    median = statistics.median(steps)
    r = {
        "engine": "PyTorch " + torch.__version__, "model": a.model, "input": size, "batchSize": a.batch_size,
        "batches": a.batches, "warmup": a.warmup, "intraOpThreads": torch.get_num_threads(), "params": params,
        "medianImagesPerSecond": round(a.batch_size / (median / 1000), 3), "medianStepMs": round(median, 3),
        "cpuMsPerStep": round(cpu_ms, 3), "imagesPerCpuSecond": round(a.batch_size / (cpu_ms / 1000), 3),
        "minStepMs": round(min(steps), 3), "maxStepMs": round(max(steps), 3),
        "phaseMedianMs": {k: round(statistics.median(v), 3) for k, v in phases.items()},
        "loadAverage1m": os.getloadavg()[0], "blas": blas_library(),
    }
    if a.json:
        print(json.dumps(r))
    else:
        print(f"{a.model}-{size}, batch {a.batch_size}, {a.batches} timed steps after {a.warmup} warm-up, "
              f"{r['engine']}, {r['intraOpThreads']} threads, {params:,} parameters, BLAS {r['blas']}")
        print(f"median {r['medianImagesPerSecond']:.1f} images/s, {median:.2f} ms per step "
              f"(min {min(steps):.2f}, max {max(steps):.2f}); load average {r['loadAverage1m']:.2f}")
        print(f"CPU time {cpu_ms:.1f} ms per step = {r['imagesPerCpuSecond']:.1f} images per CPU-second")
        ph = r["phaseMedianMs"]
        print(f"where a step goes (median ms): data {ph['data']:.2f}, forward+loss {ph['forward']:.2f}, "
              f"backward {ph['backward']:.2f}, update {ph['update']:.2f}")


if __name__ == "__main__":
    main()
