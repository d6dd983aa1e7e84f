"""PyTorch CPU baseline for `jemini bench train-multimodal`: the decoder of train_lm_torch.py reading
images as Jemini's multimodal model does — each patch projected to the model width (a linear map
of its pixels) and written into the sequence at its position, words embedded elsewhere, loss on
word positions only — with AdamW and global-norm clipping, on random data laid out like packed
documents (an image of PATCHES patches between two markers, then WORDS words, repeated; the rest
padding). Prints one JSON line with positions/s (best of three timed windows).

    /usr/bin/python3 scripts/baselines/train_multimodal_torch.py --vocab 64 --dim 64 --layers 2 \
        --heads 4 --hidden 160 --seq 128 --batch 16 --patches 16 --patch_dim 192 --words 12 --steps 30
"""
import argparse
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from train_lm_torch import Lm, attention_tables, rms, seconds_per_step  # noqa: E402


class Multimodal(torch.nn.Module):
    def __init__(self, vocab, dim, layers, heads, hidden, patch_dim):
        super().__init__()
        self.lm = Lm(vocab, dim, layers, heads, hidden)
        self.patch = torch.nn.Linear(patch_dim, dim)

    def forward(self, ids, patches, positions, cos, sin, mask):
        b, t = ids.shape
        h = self.lm.embed(ids).reshape(b * t, -1).index_copy(0, positions, self.patch(patches)).reshape(b, t, -1)
        for blk in self.lm.blocks:
            h = blk(h, cos, sin, mask)
        return rms(h, self.lm.norm) @ self.lm.embed.weight.T


def layout(batch, seq, patches, words):
    """Patch positions and a word mask of packed documents: [<img>, patches, </img>, words] repeated."""
    doc = 2 + patches + words
    positions, word = [], torch.zeros(batch, seq, dtype=torch.bool)
    for b in range(batch):
        for d in range(seq // doc):
            start = b * seq + d * doc
            positions.extend(range(start + 1, start + 1 + patches))
            word[b, d * doc + 2 + patches:(d + 1) * doc] = True
    return torch.tensor(positions, dtype=torch.int64), word


def main():
    p = argparse.ArgumentParser()
    for name, default in [("vocab", 64), ("dim", 64), ("layers", 2), ("heads", 4), ("hidden", 160), ("seq", 128),
                          ("batch", 16), ("patches", 16), ("patch_dim", 192), ("words", 12), ("steps", 30),
                          ("threads", 2)]:
        p.add_argument("--" + name, type=int, default=default)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Multimodal(a.vocab, a.dim, a.layers, a.heads, a.hidden, a.patch_dim)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)
    cos, sin, mask = attention_tables(a.dim, a.heads, a.seq)
    positions, word = layout(a.batch, a.seq, a.patches, a.words)
    target_mask = torch.zeros_like(word)
    target_mask[:, :-1] = word[:, 1:]
    gen = torch.Generator().manual_seed(1)

    def step():
        ids = torch.randint(0, a.vocab, (a.batch, a.seq), generator=gen)
        pixels = torch.rand(len(positions), a.patch_dim, generator=gen)
        targets = torch.randint(0, a.vocab, (a.batch, a.seq), generator=gen).masked_fill(~target_mask, -100)
        opt.zero_grad(set_to_none=True)
        logits = model(ids, pixels, positions, cos, sin, mask)
        loss = F.cross_entropy(logits.reshape(-1, a.vocab), targets.reshape(-1), ignore_index=-100)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    best = seconds_per_step(step, a.steps)
    params = sum(q.numel() for q in model.parameters())
    print(json.dumps({"positions_per_s": a.batch * a.seq / best, "torch": torch.__version__, "threads": a.threads,
                      "parameters": params}))


if __name__ == "__main__":
    main()
