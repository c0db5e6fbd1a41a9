#!/usr/bin/env python3
"""Reruns ConvNet Studio's speed comparison with PyTorch in one sitting: for each network, `convnet
bench` and engine/bench/pytorch_baseline.py run alternately (A B, then B A, ...), each printing the
median of its whole training steps; the table gives the median over rounds of each side and the
ratio round by round (ours / PyTorch), with the load average seen. Needs the engine jar
(`./mvnw -q -o package -DskipTests`) and a Python with torch for the baseline with OpenBLAS (Debian:
python3-torch libopenblas0-pthread; with only the reference libblas3 it refuses, see pytorch_baseline.blas_library).

    python3 engine/bench/side_by_side.py                      # the four networks of issue 12, 3 rounds
    python3 engine/bench/side_by_side.py --only lenet,alexnet-96 --rounds 5 --bf16
    python3 engine/bench/side_by_side.py --torch-tunables   # PyTorch also under the engine's malloc settings

Both sides get the same OpenMP wait, GOMP_SPINCOUNT=10000 (the engine sets it for itself, see
NativeTuning): libgomp's default 300 000 spins cost PyTorch up to 100x on LeNet on a shared 2-core
machine, and the comparison is of the engines, not of that setting (--torch-omp-default leaves
PyTorch's environment as it is; --torch-passive gives it OMP_WAIT_POLICY=PASSIVE, the engine's
setting before 2026-12-02).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
# model, input, batch, timed steps, warm-up steps
CONFIGS = [("lenet", 28, 256, 30, 5), ("alexnet", 96, 128, 8, 2), ("alexnet", 224, 128, 3, 1),
           ("resnet18", 96, 128, 6, 2)]


def run_json(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    text = out.stdout
    start = text.find("\n{") + 1 if not text.startswith("{") else 0
    return json.JSONDecoder().raw_decode(text[start:])[0]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--only", help="run only these, e.g. lenet or alexnet-224 (comma-separated)")
    p.add_argument("--steps", type=int, help="timed steps per run (default: per network, 3 to 30)")
    p.add_argument("--jar", default=os.path.join(ROOT, "engine", "target", "convnet.jar"))
    p.add_argument("--python", default=sys.executable, help="the Python with torch for the baseline")
    p.add_argument("--bf16", action="store_true", help="also time the engine with --precision bf16")
    p.add_argument("--torch-omp-default", action="store_true", help="leave PyTorch's OpenMP wait at libgomp's default")
    p.add_argument("--torch-passive", action="store_true", help="PyTorch with OMP_WAIT_POLICY=PASSIVE (no spin)")
    p.add_argument("--torch-tunables", action="store_true",
                   help="also time PyTorch under the engine's glibc malloc tunables (GLIBC_TUNABLES, see MallocRestart)")
    a = p.parse_args()
    torch_env = dict(os.environ)
    if a.torch_passive:
        torch_env["OMP_WAIT_POLICY"] = "PASSIVE"
    elif not a.torch_omp_default and "OMP_WAIT_POLICY" not in torch_env:
        torch_env.setdefault("GOMP_SPINCOUNT", "10000")  # as NativeTuning.SPIN_COUNT
    tuned_env = dict(torch_env, GLIBC_TUNABLES="glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:"
                     "glibc.malloc.trim_threshold=536870912")
    rows = []
    for model, size, batch, steps, warm in CONFIGS:
        if a.only and not any(o in (model, f"{model}-{size}") for o in a.only.split(",")):
            continue
        steps = a.steps or steps
        summary = run_json(["java", "-jar", a.jar, "summary", model, "--input", str(size), "--json"])
        common = ["--model", model, "--input", str(size), "--batch-size", str(batch), "--batches", str(steps),
                  "--warmup", str(warm)]
        ours_cmd = ["java", "-jar", a.jar, "bench", *common, "--no-peak", "--onednn-trace", "0", "--json"]
        torch_cmd = [a.python, os.path.join(HERE, "pytorch_baseline.py"), *common,
                     "--expect-params", str(summary["params"]), "--json"]
        sides = {"ours": [], "torch": [], "bf16": [], "torch+tunables": []}
        loads = []
        for r in range(a.rounds):
            order = [("ours", ours_cmd, None), ("torch", torch_cmd, torch_env)]
            if a.bf16:
                order.insert(1, ("bf16", ours_cmd + ["--precision", "bf16"], None))
            if a.torch_tunables:
                order.append(("torch+tunables", torch_cmd, tuned_env))
            if r % 2 == 1:
                order.reverse()
            for name, cmd, env in order:
                res = run_json(cmd, env)
                if name == "torch" and "reference" in res.get("blas", ""):
                    raise SystemExit("PyTorch is using the reference BLAS, " + res["blas"] + ": the baseline would be "
                                     "~10x slow on dense layers. Install OpenBLAS (Debian: libopenblas0-pthread).")
                sides[name].append(res)
                loads.append(res["loadAverage1m"])
                print(f"{model}-{size} b{batch} round {r + 1} {name}: {res['medianImagesPerSecond']:.1f} img/s, "
                      f"{res['imagesPerCpuSecond']:.1f} img/CPU-s "
                      f"(step {res['medianStepMs']:.1f} ms, phases {res.get('phaseMedianMs')}), "
                      f"load {res['loadAverage1m']:.1f}", flush=True)
        rows.append((model, size, batch, sides, loads))
    print()
    head = ("| network, batch | ConvNet Studio img/s (rounds) | PyTorch img/s (rounds) | ratio per round "
            "| ratio of images per CPU-second | load average |")
    if a.bf16:
        head = head.replace("| PyTorch", "| ConvNet Studio bf16 img/s | PyTorch")
    if a.torch_tunables:
        head = head.replace(" | load average |", " | PyTorch with the same malloc tunables img/s | ratio to it | load average |")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for model, size, batch, sides, loads in rows:
        def ips(name):
            return [s["medianImagesPerSecond"] for s in sides[name]]
        def cell(name):
            v = ips(name)
            return f"**{statistics.median(v):,.1f}** ({', '.join(f'{x:,.1f}' for x in v)})"
        ratios = [o / t for o, t in zip(ips("ours"), ips("torch"))]
        ratio = f"{min(ratios):.2f}–{max(ratios):.2f} (median {statistics.median(ratios):.2f})"
        bf = f" {cell('bf16')} |" if a.bf16 else ""
        cpu = [o["imagesPerCpuSecond"] / t["imagesPerCpuSecond"] for o, t in zip(sides["ours"], sides["torch"])]
        cpu_ratio = f"{min(cpu):.2f}–{max(cpu):.2f} (median {statistics.median(cpu):.2f})"
        tt = ""
        if a.torch_tunables:
            rt = [o / t for o, t in zip(ips("ours"), ips("torch+tunables"))]
            tt = f" {cell('torch+tunables')} | {min(rt):.2f}–{max(rt):.2f} (median {statistics.median(rt):.2f}) |"
        print(f"| {model}-{size}, b{batch} | {cell('ours')} |{bf} {cell('torch')} | {ratio} | {cpu_ratio} |{tt} "
              f"{min(loads):.0f}–{max(loads):.0f} |")


if __name__ == "__main__":
    main()
