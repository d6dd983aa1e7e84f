"""PyTorch CPU baseline for `jemini bench attention`: causal softmax attention of one sequence
(scores materialised, as PyTorch 1.13 has no fused CPU kernel), forward and forward+backward,
best of three. Prints one JSON line.

    /usr/bin/python3 scripts/baselines/attention_torch.py --length 4096 --heads 4 --head_dim 32 --threads 2
"""
import argparse
import json
import math
import time

import torch


def main():
    p = argparse.ArgumentParser()
    for name, default in [("length", 1024), ("heads", 4), ("head_dim", 32), ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(0)
    q, k, v = (torch.randn(1, a.heads, a.length, a.head_dim, generator=g, requires_grad=True) for _ in range(3))
    mask = torch.ones(a.length, a.length, dtype=torch.bool).triu(1)

    def attend():
        s = (q @ k.transpose(-1, -2)) / math.sqrt(a.head_dim)
        return s.masked_fill(mask, -1e9).softmax(-1) @ v

    def timed(fn):
        fn()
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t0)
        return best

    def forward():
        with torch.no_grad():
            attend()

    def both():
        attend().sum().backward()

    print(json.dumps({"torch": torch.__version__, "forward_s": timed(forward), "forward_backward_s": timed(both)}))


if __name__ == "__main__":
    main()
