"""Writes the PyTorch golden fixtures that engine tests compare against.

Run with Debian's python3-torch from the repository root:
    /usr/bin/python3 scripts/golden/make_fixtures.py
Inputs are float32 values; reference outputs and gradients are computed in float64 and stored
as F64, so the Java float32 results are compared against the exact answer. Parameter names
match the Java modules' names, so a fixture is also a checkpoint the engine can load.
"""
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from safetensors_io import save  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "engine", "src", "test", "resources", "golden")
MASKED = -1e9


def f32(rng, *shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def layer_norm(x, w, b, eps):
    return torch.nn.functional.layer_norm(x, (x.shape[-1],), w, b, eps)


def rope(x, base):
    t, d = x.shape[-2], x.shape[-1]
    half = d // 2
    freqs = base ** (-2.0 * torch.arange(half, dtype=torch.float64) / d)
    ang = torch.arange(t, dtype=torch.float64)[:, None] * freqs[None, :]
    cos = ang.cos().to(torch.float32).to(x.dtype)
    sin = ang.sin().to(torch.float32).to(x.dtype)
    x1, x2 = x[..., :half], x[..., half:]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


def attention(x, p, prefix, heads, causal, pad, base):
    b, t, d = x.shape
    hd = d // heads

    def proj(name):
        return (x @ p[f"{prefix}.{name}.weight"].T).reshape(b, t, heads, hd).permute(0, 2, 1, 3)

    q, k, v = proj("q_proj"), proj("k_proj"), proj("v_proj")
    if base is not None:
        q, k = rope(q, base), rope(k, base)
    s = q @ k.transpose(-1, -2) / math.sqrt(hd)
    if causal:
        s = s.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), MASKED)
    if pad is not None:
        s = s.masked_fill(pad[:, None, None, :].bool(), MASKED)
    o = (s.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(b, t, d)
    return o @ p[f"{prefix}.o_proj.weight"].T


def block(x, p, cfg, pad):
    if cfg["norm"] == "rms":
        n1 = rms_norm(x, p["attn_norm.weight"], cfg["eps"])
    else:
        n1 = layer_norm(x, p["attn_norm.weight"], p["attn_norm.bias"], cfg["eps"])
    h = x + attention(n1, p, "attn", cfg["heads"], cfg["causal"], pad, cfg["rope_base"])
    if cfg["norm"] == "rms":
        n2 = rms_norm(h, p["ffn_norm.weight"], cfg["eps"])
    else:
        n2 = layer_norm(h, p["ffn_norm.weight"], p["ffn_norm.bias"], cfg["eps"])
    if cfg["ffn"] == "swiglu":
        g = torch.nn.functional.silu(n2 @ p["ffn.gate.weight"].T) * (n2 @ p["ffn.up.weight"].T)
        f = g @ p["ffn.down.weight"].T
    else:
        f = torch.nn.functional.gelu(n2 @ p["ffn.fc1.weight"].T + p["ffn.fc1.bias"])
        f = f @ p["ffn.fc2.weight"].T + p["ffn.fc2.bias"]
    return h + f


def block_params(rng, cfg):
    d, hid = cfg["dim"], cfg["hidden"]
    p = {}
    p["attn_norm.weight"] = 1 + f32(rng, d, scale=0.1)
    if cfg["norm"] == "layer":
        p["attn_norm.bias"] = f32(rng, d, scale=0.1)
    for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
        p[f"attn.{name}.weight"] = f32(rng, d, d, scale=d ** -0.5)
    p["ffn_norm.weight"] = 1 + f32(rng, d, scale=0.1)
    if cfg["norm"] == "layer":
        p["ffn_norm.bias"] = f32(rng, d, scale=0.1)
    if cfg["ffn"] == "swiglu":
        p["ffn.gate.weight"] = f32(rng, hid, d, scale=d ** -0.5)
        p["ffn.up.weight"] = f32(rng, hid, d, scale=d ** -0.5)
        p["ffn.down.weight"] = f32(rng, d, hid, scale=hid ** -0.5)
    else:
        p["ffn.fc1.weight"] = f32(rng, hid, d, scale=d ** -0.5)
        p["ffn.fc1.bias"] = f32(rng, hid, scale=0.1)
        p["ffn.fc2.weight"] = f32(rng, d, hid, scale=hid ** -0.5)
        p["ffn.fc2.bias"] = f32(rng, d, scale=0.1)
    return p


def transformer_block(name, cfg, padded):
    rng = np.random.default_rng(len(name) * 1009)
    b, t, d = cfg["batch"], cfg["seq"], cfg["dim"]
    x = f32(rng, b, t, d)
    params = block_params(rng, cfg)
    pad = None
    if padded:
        pad = np.zeros((b, t), dtype=np.float32)
        pad[0, t - 2:] = 1
        pad[-1, t - 1:] = 1
    upstream = f32(rng, b, t, d)
    tx = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    tp = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    tpad = None if pad is None else torch.tensor(pad, dtype=torch.float64)
    out = block(tx, tp, cfg, tpad)
    out.backward(torch.tensor(upstream, dtype=torch.float64))
    tensors = {"x": x, "grad_out": upstream, "out": out.detach().numpy()}
    if pad is not None:
        tensors["key_padding"] = pad
    tensors["grad.x"] = tx.grad.numpy()
    for k, v in params.items():
        tensors[k] = v
        tensors["grad." + k] = tp[k].grad.numpy()
    meta = {k: cfg[k] for k in cfg}
    save(os.path.join(OUT, name + ".safetensors"), tensors, meta)


def cross_entropy(name, shape, ignore, smoothing):
    rng = np.random.default_rng(len(name) * 7919 + shape[-1])
    logits = f32(rng, *shape, scale=2.0)
    targets = rng.integers(0, shape[-1], size=shape[:-1]).astype(np.int64)
    flat = targets.reshape(-1)
    flat[::3] = ignore
    t = torch.tensor(logits, dtype=torch.float64, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(t.reshape(-1, shape[-1]), torch.tensor(flat), ignore_index=ignore,
                                             label_smoothing=smoothing)
    loss.backward()
    save(os.path.join(OUT, name + ".safetensors"),
         {"logits": logits, "targets": targets, "loss": loss.detach().numpy().reshape(()), "grad.logits": t.grad.numpy()},
         {"ignore_index": ignore, "label_smoothing": smoothing})


def warmup_cosine(step, peak, warmup, total, minimum):
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, total - warmup))
    return minimum + 0.5 * (peak - minimum) * (1 + math.cos(math.pi * progress))


def adamw_steps():
    """10 AdamW steps on a small GELU MLP with global-norm clipping and a warm-up cosine schedule,
    in float32 as training runs (torch.optim.AdamW, foreach=False)."""
    rng = np.random.default_rng(2024)
    cfg = {"steps": 10, "peak_lr": 0.05, "warmup": 3, "total": 10, "min_lr": 0.005, "max_norm": 0.5,
           "beta1": 0.9, "beta2": 0.95, "eps": 1e-8, "weight_decay": 0.1}
    x = f32(rng, 12, 6)
    y = rng.integers(0, 5, size=12).astype(np.int64)
    init = {"fc1.weight": f32(rng, 16, 6, scale=0.4), "fc1.bias": f32(rng, 16, scale=0.1),
            "fc2.weight": f32(rng, 5, 16, scale=0.25), "fc2.bias": f32(rng, 5, scale=0.1)}
    params = {k: torch.tensor(v, requires_grad=True) for k, v in init.items()}
    opt = torch.optim.AdamW(params.values(), lr=cfg["peak_lr"], betas=(cfg["beta1"], cfg["beta2"]), eps=cfg["eps"],
                            weight_decay=cfg["weight_decay"], foreach=False)
    xt, yt = torch.tensor(x), torch.tensor(y)
    losses, norms, lrs = [], [], []
    for step in range(cfg["steps"]):
        lr = warmup_cosine(step, cfg["peak_lr"], cfg["warmup"], cfg["total"], cfg["min_lr"])
        for g in opt.param_groups:
            g["lr"] = lr
        opt.zero_grad()
        h = torch.nn.functional.gelu(xt @ params["fc1.weight"].T + params["fc1.bias"])
        loss = torch.nn.functional.cross_entropy(h @ params["fc2.weight"].T + params["fc2.bias"], yt)
        loss.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_(params.values(), cfg["max_norm"])))
        opt.step()
        losses.append(float(loss))
        lrs.append(lr)
    tensors = {"x": x, "y": y, "losses": np.array(losses, dtype=np.float64),
               "grad_norms": np.array(norms, dtype=np.float64), "lrs": np.array(lrs, dtype=np.float64)}
    for k, v in init.items():
        tensors["init." + k] = v
        tensors["final." + k] = params[k].detach().numpy()
    save(os.path.join(OUT, "adamw_10_steps.safetensors"), tensors, cfg)


EXPERTS_OUT = os.path.join(os.path.dirname(__file__), "..", "..", "experts", "src", "test", "resources", "golden")


def moe_layer(name, dispatch, capacity_factor, renormalize, drop_order="token"):
    """A sparse MoE SwiGLU layer written from the formulas: softmax router, top-k, gates renormalised
    or raw, capacity claimed in the drop order (token: assignment t*k+j; choice: every first choice
    before any second, GShard's cumsum; score: choice by choice with tokens by their top probability,
    V-MoE's batch-prioritised routing), per-expert SwiGLU, combine; the
    load-balancing loss E*sum f_i P_i (f_i over k*T counted assignments) and the z-loss, both over
    non-padding tokens only."""
    rng = np.random.default_rng(len(name) * 31 + (7 if dispatch == "capacity" else 3))
    t, d, e, k, h = 14, 8, 4, 2, 6
    x = f32(rng, t, d)
    router = f32(rng, e, d, scale=0.5)
    gate = f32(rng, e, h, d, scale=d ** -0.5)
    up = f32(rng, e, h, d, scale=d ** -0.5)
    down = f32(rng, e, d, h, scale=h ** -0.5)
    valid = np.ones(t, dtype=np.float32)
    valid[-3:] = 0
    up_out = f32(rng, t, d)
    aux_coef, z_coef = 0.3, 0.2
    tx, tr, tg, tu, td = (torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (x, router, gate, up, down))
    logits = tx @ tr.T
    probs = logits.softmax(-1)
    top_p, top_i = probs.topk(k, dim=-1)
    gates = top_p / top_p.sum(-1, keepdim=True) if renormalize else top_p
    capacity = math.ceil(capacity_factor * t * k / e) if dispatch == "capacity" else t * k
    if drop_order == "token":
        priority = [(i, j) for i in range(t) for j in range(k)]
    else:
        ranked = range(t) if drop_order == "choice" else sorted(range(t), key=lambda i: (-float(probs[i].max()), i))
        priority = [(i, j) for j in range(k) for i in ranked]
    load = [0] * e
    kept = set()
    for i, j in priority:
        ex = int(top_i[i, j])
        if load[ex] < capacity:
            kept.add((i, j))
        load[ex] += 1
    out = torch.zeros(t, d, dtype=torch.float64)
    for i in range(t):
        for j in range(k):
            if (i, j) not in kept:
                continue
            ex = int(top_i[i, j])
            hid = torch.nn.functional.silu(tg[ex] @ tx[i]) * (tu[ex] @ tx[i])
            out[i] = out[i] + gates[i, j] * (td[ex] @ hid)
    m = torch.tensor(valid, dtype=torch.float64)
    counted = m.sum()
    f = torch.zeros(e, dtype=torch.float64)
    for i in range(t):
        if valid[i]:
            for j in range(k):
                f[int(top_i[i, j])] += 1.0 / (k * counted)
    mean_p = (m[:, None] * probs).sum(0) / counted
    lb = e * (f * mean_p).sum()
    z = (m * torch.logsumexp(logits, -1) ** 2).sum() / counted
    aux = aux_coef * lb + z_coef * z
    (out * torch.tensor(up_out, dtype=torch.float64)).sum().add(aux).backward()
    tensors = {"x": x, "router": router, "gate": gate, "up": up, "down": down, "valid": valid, "grad.out": up_out,
               "out": out.detach().numpy(), "aux": aux.detach().numpy().reshape(()),
               "load_balancing": lb.detach().numpy().reshape(()), "z_loss": z.detach().numpy().reshape(()),
               "grad.x": tx.grad.numpy(), "grad.router": tr.grad.numpy(), "grad.gate": tg.grad.numpy(),
               "grad.up": tu.grad.numpy(), "grad.down": td.grad.numpy()}
    meta = {"top_k": k, "dispatch": dispatch, "capacity_factor": capacity_factor, "drop_order": drop_order,
            "renormalize": str(renormalize).lower(), "aux_coef": aux_coef, "z_coef": z_coef}
    os.makedirs(EXPERTS_OUT, exist_ok=True)
    save(os.path.join(EXPERTS_OUT, name + ".safetensors"), tensors, meta)


CONTRASTIVE_OUT = os.path.join(os.path.dirname(__file__), "..", "..", "contrastive", "src", "test", "resources", "golden")


def sparc_losses(name, sigma_fraction, per_sample):
    """SPARC's local branch (eqs. 2-6) and the CLIP loss (eq. 1), written from the paper:
    raw token-patch similarity, min-max per token across patches (+1e-8), threshold sigma, L1
    weights, grouping of un-normalised patches, L2 normalisation, within-caption contrast in both
    directions with padded keys at -1e9 and padded rows weighted 0."""
    rng = np.random.default_rng(len(name) * 97)
    b, l, p, d = 3, 5, 7, 6
    tokens = f32(rng, b, l, d)
    patches = f32(rng, b, p, d)
    image = f32(rng, b, d)
    text = f32(rng, b, d)
    mask = np.ones((b, l), dtype=np.float32)
    mask[1, 3:] = 0
    mask[2, 4:] = 0
    log_scale = np.float32(math.log(1 / 0.07))
    sigma = sigma_fraction / p
    tt, tp, ti, tx = (torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in (tokens, patches, image, text))
    tl = torch.tensor(float(log_scale), dtype=torch.float64, requires_grad=True)
    scale = tl.exp()
    s = tt @ tp.transpose(1, 2)
    lo = s.min(-1, keepdim=True).values
    hi = s.max(-1, keepdim=True).values
    n = (s - lo) / (hi - lo + 1e-8)
    kept = torch.where(n >= sigma, n, torch.zeros_like(n))
    a = kept / kept.sum(-1, keepdim=True)
    grouped = a @ tp
    cn = torch.nn.functional.normalize(grouped, dim=-1, eps=1e-12)
    tn = torch.nn.functional.normalize(tt, dim=-1, eps=1e-12)
    m = torch.tensor(mask, dtype=torch.float64)

    def direction(x, y):
        logits = (x @ y.transpose(1, 2)) * scale
        logits = logits.masked_fill(m[:, None, :] == 0, MASKED)
        nll = -torch.diagonal(logits.log_softmax(-1), dim1=1, dim2=2)
        if per_sample:
            return ((nll * m).sum(-1) / m.sum(-1)).mean()
        return (nll * m).sum() / m.sum()

    fine = 0.5 * (direction(cn, tn) + direction(tn, cn))
    vi = torch.nn.functional.normalize(ti, dim=-1)
    xi = torch.nn.functional.normalize(tx, dim=-1)
    logits = vi @ xi.T * scale
    target = torch.arange(b)
    clip = 0.5 * (torch.nn.functional.cross_entropy(logits, target) + torch.nn.functional.cross_entropy(logits.T, target))
    (fine + 0.5 * clip).backward()
    os.makedirs(CONTRASTIVE_OUT, exist_ok=True)
    save(os.path.join(CONTRASTIVE_OUT, name + ".safetensors"),
         {"tokens": tokens, "patches": patches, "image": image, "text": text, "mask": mask,
          "log_scale": np.array(log_scale, dtype=np.float32).reshape(()),
          "grouped": grouped.detach().numpy(), "weights": a.detach().numpy(),
          "fine_loss": fine.detach().numpy().reshape(()), "clip_loss": clip.detach().numpy().reshape(()),
          "grad.tokens": tt.grad.numpy(), "grad.patches": tp.grad.numpy(), "grad.image": ti.grad.numpy(),
          "grad.text": tx.grad.numpy(), "grad.log_scale": tl.grad.numpy().reshape(())},
         {"sigma": sigma, "per_sample": str(per_sample).lower(), "objective": "fine + 0.5 * clip"})


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    llama = {"dim": 32, "heads": 4, "hidden": 80, "norm": "rms", "ffn": "swiglu", "eps": 1e-5, "rope_base": 10000.0,
             "causal": True, "batch": 2, "seq": 7}
    gpt = {"dim": 24, "heads": 3, "hidden": 64, "norm": "layer", "ffn": "gelu", "eps": 1e-5, "rope_base": 500.0,
           "causal": True, "batch": 3, "seq": 5}
    transformer_block("block_rms_swiglu_rope_causal", llama, padded=False)
    transformer_block("block_layer_gelu_rope_causal_padded", gpt, padded=True)
    cross_entropy("cross_entropy_smoothed", (4, 6, 11), -100, 0.1)
    cross_entropy("cross_entropy_plain_custom_ignore", (9, 7), 3, 0.0)
    adamw_steps()
    moe_layer("moe_dropless_padded", "dropless", 0.0, True)
    moe_layer("moe_capacity_padded", "capacity", 1.0, True)
    moe_layer("moe_capacity_raw_gates", "capacity", 0.75, False)
    moe_layer("moe_capacity_choice_order", "capacity", 0.75, True, "choice")
    moe_layer("moe_capacity_score_order", "capacity", 0.75, True, "score")
    sparc_losses("sparc_per_sample_sigma_1_over_p", 1.0, True)
    sparc_losses("sparc_per_token_no_sparsity", 0.0, False)
    print("fixtures written to", os.path.normpath(OUT), "with torch", torch.__version__)


if __name__ == "__main__":
    main()
