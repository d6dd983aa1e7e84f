"""PyTorch CPU baseline for `jemini bench sparc`: the same dual encoder (ViT of pre-LN blocks on
flattened patches with learned positions and no class token, a bidirectional text encoder with a
key-padding mask, h_v = Linear + GELU on the pooled image only, bias-free adapters g_v and g_t, a
learned logit scale) and the same objective (CLIP, or 0.5 CLIP + lambda_f SPARC with sparse
weights and the per-sample average), trained with AdamW and global-norm clipping on random images
and captions of random length. Prints one JSON line with pairs/s per objective (best of three
timed windows).

    /usr/bin/python3 scripts/baselines/train_sparc_torch.py --size 32 --patch 4 --width 64 \
        --layers 2 --heads 4 --hidden 128 --shared 32 --vocab 16 --caption 14 --batch 64 --threads 2
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


class Block(torch.nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.heads = heads
        self.ln1 = torch.nn.LayerNorm(dim)
        self.ln2 = torch.nn.LayerNorm(dim)
        self.q = torch.nn.Linear(dim, dim, bias=False)
        self.k = torch.nn.Linear(dim, dim, bias=False)
        self.v = torch.nn.Linear(dim, dim, bias=False)
        self.o = torch.nn.Linear(dim, dim, bias=False)
        self.fc1 = torch.nn.Linear(dim, hidden)
        self.fc2 = torch.nn.Linear(hidden, dim)

    def forward(self, x, pad=None):
        b, t, d = x.shape
        hd = d // self.heads
        h = self.ln1(x)

        def split(p):
            return p(h).view(b, t, self.heads, hd).transpose(1, 2)

        q, k, v = split(self.q), split(self.k), split(self.v)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        if pad is not None:
            s = s.masked_fill(pad[:, None, None, :], -1e9)
        a = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(a)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))


class DualEncoder(torch.nn.Module):
    def __init__(self, a):
        super().__init__()
        grid = a.size // a.patch
        self.a = a
        self.patch_embed = torch.nn.Linear(a.patch * a.patch * 3, a.width)
        self.vpos = torch.nn.Parameter(torch.randn(grid * grid, a.width) * 0.02)
        self.vblocks = torch.nn.ModuleList(Block(a.width, a.heads, a.hidden) for _ in range(a.layers))
        self.vnorm = torch.nn.LayerNorm(a.width)
        self.tok = torch.nn.Embedding(a.vocab, a.width)
        self.tpos = torch.nn.Parameter(torch.randn(a.caption, a.width) * 0.02)
        self.tblocks = torch.nn.ModuleList(Block(a.width, a.heads, a.hidden) for _ in range(a.layers))
        self.tnorm = torch.nn.LayerNorm(a.width)
        self.h_v = torch.nn.Linear(a.width, a.width)
        self.g_v = torch.nn.Linear(a.width, a.shared, bias=False)
        self.g_t = torch.nn.Linear(a.width, a.shared, bias=False)
        self.logit_scale = torch.nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def forward(self, images, ids, mask):
        a = self.a
        b, g = images.shape[0], a.size // a.patch
        p = images.reshape(b, g, a.patch, g, a.patch, 3).permute(0, 1, 3, 2, 4, 5).reshape(b, g * g, -1)
        h = self.patch_embed(p) + self.vpos
        for blk in self.vblocks:
            h = blk(h)
        h = self.vnorm(h)
        patches = self.g_v(h)
        image = self.g_v(F.gelu(self.h_v(h.mean(1)), approximate="tanh"))
        t = self.tok(ids) + self.tpos[: ids.shape[1]]
        pad = mask == 0
        for blk in self.tblocks:
            t = blk(t, pad)
        tokens = self.g_t(self.tnorm(t))
        w = mask / mask.sum(1, keepdim=True).clamp(min=1)
        text = (tokens * w[..., None]).sum(1)
        return patches, image, tokens, text


def clip_loss(image, text, scale):
    logits = F.normalize(image, dim=-1) @ F.normalize(text, dim=-1).T * scale
    target = torch.arange(image.shape[0])
    return 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target))


def sparc_loss(patches, tokens, mask, scale):
    """Min-max per token over patches, threshold 1/P, L1 row normalisation, grouping, then the
    within-caption contrast in both directions averaged per caption then per sample."""
    s = tokens @ patches.transpose(1, 2)
    lo, hi = s.min(-1, keepdim=True).values, s.max(-1, keepdim=True).values
    s = (s - lo) / (hi - lo + 1e-8)
    s = torch.where(s < 1.0 / patches.shape[1], torch.zeros_like(s), s)
    a = s / s.sum(-1, keepdim=True).clamp(min=1e-12)
    grouped = F.normalize(a @ patches, dim=-1)
    t = F.normalize(tokens, dim=-1)
    logits = grouped @ t.transpose(1, 2) * scale
    pad = (mask == 0)[:, None, :]
    w = mask / mask.sum(1, keepdim=True).clamp(min=1)
    l1 = -(logits.masked_fill(pad, -1e9).log_softmax(-1).diagonal(dim1=1, dim2=2) * w).sum(1)
    l2 = -(logits.transpose(1, 2).masked_fill(pad, -1e9).log_softmax(-1).diagonal(dim1=1, dim2=2) * w).sum(1)
    return (0.5 * (l1 + l2)).mean()


def main():
    p = argparse.ArgumentParser()
    for name, default in [("size", 32), ("patch", 4), ("width", 64), ("layers", 2), ("heads", 4), ("hidden", 128),
                          ("shared", 32), ("vocab", 16), ("caption", 14), ("batch", 64), ("steps", 10),
                          ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--lambda_f", type=float, default=1.0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = DualEncoder(a)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.98), weight_decay=0.1)
    gen = torch.Generator().manual_seed(1)
    images = torch.rand(a.batch, a.size, a.size, 3, generator=gen)
    ids = torch.randint(1, a.vocab, (a.batch, a.caption), generator=gen)
    lengths = torch.randint(3, a.caption + 1, (a.batch,), generator=gen)
    mask = (torch.arange(a.caption)[None, :] < lengths[:, None]).float()
    ids = ids * mask.long()

    def step(sparc):
        opt.zero_grad(set_to_none=True)
        patches, image, tokens, text = model(images, ids, mask)
        scale = model.logit_scale.exp()
        loss = clip_loss(image, text, scale)
        if sparc:
            loss = 0.5 * loss + a.lambda_f * sparc_loss(patches, tokens, mask, scale)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    out = {"torch": torch.__version__, "parameters": sum(x.numel() for x in model.parameters())}
    for name, sparc in [("clip", False), ("sparc", True)]:
        for _ in range(3):
            step(sparc)
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for _ in range(a.steps):
                step(sparc)
            best = min(best, (time.perf_counter() - t0) / a.steps)
        out[name + "_pairs_per_s"] = a.batch / best
    print(json.dumps(out))


if __name__ == "__main__":
    main()
