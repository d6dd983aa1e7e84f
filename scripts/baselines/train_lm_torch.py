"""PyTorch CPU baseline for `jemini bench train-lm`: the same decoder-only LM (RMSNorm, RoPE
rotate-half, causal attention, SwiGLU, tied embeddings), AdamW and global-norm clipping, trained
on random tokens. Prints one JSON line with tokens/s (best of three timed windows).

    /usr/bin/python3 scripts/baselines/train_lm_torch.py --vocab 2048 --dim 128 --layers 4 \
        --heads 4 --hidden 352 --seq 128 --batch 16 --steps 30 --threads 2
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * w


def rope(x, cos, sin):
    half = x.shape[-1] // 2
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


class Block(torch.nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.heads = heads
        self.attn_norm = torch.nn.Parameter(torch.ones(dim))
        self.ffn_norm = torch.nn.Parameter(torch.ones(dim))
        self.q = torch.nn.Linear(dim, dim, bias=False)
        self.k = torch.nn.Linear(dim, dim, bias=False)
        self.v = torch.nn.Linear(dim, dim, bias=False)
        self.o = torch.nn.Linear(dim, dim, bias=False)
        self.gate = torch.nn.Linear(dim, hidden, bias=False)
        self.up = torch.nn.Linear(dim, hidden, bias=False)
        self.down = torch.nn.Linear(hidden, dim, bias=False)

    def forward(self, x, cos, sin, mask):
        b, t, d = x.shape
        hd = d // self.heads
        h = rms(x, self.attn_norm)

        def split(p):
            return p(h).view(b, t, self.heads, hd).transpose(1, 2)

        q, k, v = split(self.q), split(self.k), split(self.v)
        q, k = rope(q, cos, sin), rope(k, cos, sin)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        s = s.masked_fill(mask, -1e9)
        a = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(a)
        h = rms(x, self.ffn_norm)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Lm(torch.nn.Module):
    def __init__(self, vocab, dim, layers, heads, hidden):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, dim)
        torch.nn.init.normal_(self.embed.weight, std=0.02)
        self.blocks = torch.nn.ModuleList(Block(dim, heads, hidden) for _ in range(layers))
        self.norm = torch.nn.Parameter(torch.ones(dim))

    def forward(self, ids, cos, sin, mask):
        h = self.embed(ids)
        for blk in self.blocks:
            h = blk(h, cos, sin, mask)
        return rms(h, self.norm) @ self.embed.weight.T


def main():
    p = argparse.ArgumentParser()
    for name, default in [("vocab", 2048), ("dim", 128), ("layers", 4), ("heads", 4), ("hidden", 352), ("seq", 128),
                          ("batch", 16), ("steps", 30), ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Lm(a.vocab, a.dim, a.layers, a.heads, a.hidden)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)
    hd = a.dim // a.heads
    freqs = 10000.0 ** (-2.0 * torch.arange(hd // 2, dtype=torch.float64) / hd)
    ang = torch.arange(a.seq, dtype=torch.float64)[:, None] * freqs[None, :]
    cos, sin = ang.cos().float(), ang.sin().float()
    mask = torch.ones(a.seq, a.seq, dtype=torch.bool).triu(1)
    gen = torch.Generator().manual_seed(1)

    def step():
        ids = torch.randint(0, a.vocab, (a.batch, a.seq + 1), generator=gen)
        opt.zero_grad(set_to_none=True)
        logits = model(ids[:, :-1], cos, sin, mask)
        loss = F.cross_entropy(logits.reshape(-1, a.vocab), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for _ in range(3):
        step()
    best = float("inf")
    window = max(1, a.steps // 3)
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(window):
            step()
        best = min(best, (time.perf_counter() - t0) / window)
    print(json.dumps({"tokens_per_s": a.batch * a.seq / best, "torch": torch.__version__, "threads": a.threads,
                      "parameters": sum(q.numel() for q in model.parameters())}))


if __name__ == "__main__":
    main()
