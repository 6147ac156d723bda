#!/usr/bin/env python3
"""Kernel launches and GPU time per training step, from two cubecl profile logs.

cubecl (burn's GPU runtime) logs every kernel it runs, with its time, when started with
CUBECL_DEBUG_OPTION=profile CUBECL_DEBUG_LOG=<file>. Two runs of `gan-werkstatt bench` that
differ only in --steps give the per-step figures as the difference, so start-up, warm-up and
the GEMM-ceiling rounds cancel out:

    for n in 3 13; do
      CUBECL_DEBUG_OPTION=profile CUBECL_DEBUG_LOG=/tmp/cl$n.log \
        target/release/gan-werkstatt bench --backend wgpu --runs 1 --steps $n
    done
    python3 crates/gan-cli/bench/cubecl_profile.py /tmp/cl3.log /tmp/cl13.log --steps 10
"""

import argparse
import collections
import re

LINE = re.compile(r"\|\s*([\d.]+)\s*(ns|µs|ms|s)\s*\|\s*(\S+)")
UNIT_US = {"ns": 1e-3, "µs": 1.0, "ms": 1e3, "s": 1e6}


def load(path):
    """Launch counts and microseconds per kernel family (the hash suffix dropped)."""
    counts, micros = collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                name = re.sub(r"_[0-9a-f]{8}$", "", m.group(3))
                counts[name] += 1
                micros[name] += float(m.group(1)) * UNIT_US[m.group(2)]
    return counts, micros


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("short", help="profile log of the shorter run")
    parser.add_argument("long", help="profile log of the longer run")
    parser.add_argument("--steps", type=int, required=True, help="how many more steps the longer run trained")
    args = parser.parse_args()
    (c0, t0), (c1, t1) = load(args.short), load(args.long)
    names = sorted(set(c1) | set(c0), key=lambda k: -(t1[k] - t0[k]))
    launches = sum(c1.values()) - sum(c0.values())
    total_us = sum(t1.values()) - sum(t0.values())
    print("| kernel family | launches per step | GPU ms per step | share of GPU time |")
    print("|---|---:|---:|---:|")
    for name in names:
        n = (c1[name] - c0[name]) / args.steps
        ms = (t1[name] - t0[name]) / args.steps / 1e3
        if n > 0:
            print(f"| {name} | {n:.1f} | {ms:.1f} | {100 * ms * 1e3 * args.steps / total_us:.1f} % |")
    print(f"| **all** | **{launches / args.steps:.1f}** | **{total_us / args.steps / 1e3:.1f}** | 100 % |")


if __name__ == "__main__":
    main()
