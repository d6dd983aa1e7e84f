"""PyTorch CPU baseline for `jemini bench train-lm` and `train-moe`: the same decoder-only LM
(RMSNorm, RoPE rotate-half, causal attention, SwiGLU or a dropless top-k MoE of SwiGLU experts,
tied embeddings), AdamW and global-norm clipping, trained on random tokens. Prints one JSON line with tokens/s (best of three timed windows).

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
    def __init__(self, dim, heads, hidden, moe=None):
        super().__init__()
        self.moe = MoeFfn(dim, *moe) if moe else None
        self.heads = heads
        self.attn_norm = torch.nn.Parameter(torch.ones(dim))
        self.ffn_norm = torch.nn.Parameter(torch.ones(dim))
        self.q = torch.nn.Linear(dim, dim, bias=False)
        self.k = torch.nn.Linear(dim, dim, bias=False)
        self.v = torch.nn.Linear(dim, dim, bias=False)
        self.o = torch.nn.Linear(dim, dim, bias=False)
        if self.moe is None:
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
        if self.moe is not None:
            return x + self.moe(h)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class MoeFfn(torch.nn.Module):
    """Dropless top-k MoE of SwiGLU experts: softmax router, renormalised gates, tokens sorted by
    expert, one matmul chain per expert's slice, weighted index_add back; balancing and z losses."""

    def __init__(self, dim, experts, k, hidden):
        super().__init__()
        self.k = k
        self.router = torch.nn.Linear(dim, experts, bias=False)
        self.gate = torch.nn.Parameter(torch.randn(experts, hidden, dim) * dim ** -0.5)
        self.up = torch.nn.Parameter(torch.randn(experts, hidden, dim) * dim ** -0.5)
        self.down = torch.nn.Parameter(torch.randn(experts, dim, hidden) * hidden ** -0.5)
        self.aux = None

    def forward(self, x):
        shape = x.shape
        x = x.reshape(-1, shape[-1])
        logits = self.router(x)
        probs = logits.softmax(-1)
        top_p, top_i = probs.topk(self.k, dim=-1)
        gates = top_p / top_p.sum(-1, keepdim=True)
        flat = top_i.reshape(-1)
        order = torch.argsort(flat, stable=True)
        counts = torch.bincount(flat, minlength=self.gate.shape[0]).tolist()
        token = order // self.k
        rows = x[token]
        out = torch.zeros_like(x)
        start = 0
        for e, c in enumerate(counts):
            if c:
                r = rows[start:start + c]
                y = (F.silu(r @ self.gate[e].T) * (r @ self.up[e].T)) @ self.down[e].T
                out.index_add_(0, token[start:start + c], y * gates.reshape(-1)[order[start:start + c], None])
            start += c
        e = self.gate.shape[0]
        f = torch.bincount(flat, minlength=e).float() / flat.numel()
        self.aux = 0.01 * e * (f * probs.mean(0)).sum() + 0.001 * (torch.logsumexp(logits, -1) ** 2).mean()
        return out.reshape(shape)


class Lm(torch.nn.Module):
    def __init__(self, vocab, dim, layers, heads, hidden, moe=None):
        super().__init__()
        self.embed = torch.nn.Embedding(vocab, dim)
        torch.nn.init.normal_(self.embed.weight, std=0.02)
        self.blocks = torch.nn.ModuleList(Block(dim, heads, hidden, moe) for _ in range(layers))
        self.norm = torch.nn.Parameter(torch.ones(dim))

    def forward(self, ids, cos, sin, mask):
        h = self.embed(ids)
        for blk in self.blocks:
            h = blk(h, cos, sin, mask)
        return rms(h, self.norm) @ self.embed.weight.T


def attention_tables(dim, heads, seq):
    """RoPE cos/sin tables (rotate-half, base 10000) for seq positions and the causal mask."""
    hd = dim // heads
    freqs = 10000.0 ** (-2.0 * torch.arange(hd // 2, dtype=torch.float64) / hd)
    ang = torch.arange(seq, dtype=torch.float64)[:, None] * freqs[None, :]
    return ang.cos().float(), ang.sin().float(), torch.ones(seq, seq, dtype=torch.bool).triu(1)


def seconds_per_step(step, steps):
    """Three warm-up steps, then the fastest of three windows of steps // 3 steps, per step."""
    for _ in range(3):
        step()
    best = float("inf")
    window = max(1, steps // 3)
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(window):
            step()
        best = min(best, (time.perf_counter() - t0) / window)
    return best


def main():
    p = argparse.ArgumentParser()
    for name, default in [("vocab", 2048), ("dim", 128), ("layers", 4), ("heads", 4), ("hidden", 352), ("seq", 128),
                          ("batch", 16), ("steps", 30), ("threads", 2), ("moe_experts", 0), ("moe_top_k", 2),
                          ("moe_hidden", 0)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    moe = (a.moe_experts, a.moe_top_k, a.moe_hidden) if a.moe_experts else None
    model = Lm(a.vocab, a.dim, a.layers, a.heads, a.hidden, moe)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)
    cos, sin, mask = attention_tables(a.dim, a.heads, a.seq)
    gen = torch.Generator().manual_seed(1)

    def step():
        ids = torch.randint(0, a.vocab, (a.batch, a.seq + 1), generator=gen)
        opt.zero_grad(set_to_none=True)
        logits = model(ids[:, :-1], cos, sin, mask)
        loss = F.cross_entropy(logits.reshape(-1, a.vocab), ids[:, 1:].reshape(-1))
        for blk in model.blocks:
            if blk.moe is not None:
                loss = loss + blk.moe.aux
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    best = seconds_per_step(step, a.steps)
    params = sum(q.numel() for q in model.parameters())
    print(json.dumps({"tokens_per_s": a.batch * a.seq / best, "torch": torch.__version__, "threads": a.threads,
                      "parameters": params}))


if __name__ == "__main__":
    main()
