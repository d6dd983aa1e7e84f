"""A Llama forward pass in plain PyTorch, written from Hugging Face's modeling_llama (RMSNorm in
float32, rotate-half RoPE from rope_theta with optional linear scaling, grouped-query attention,
SwiGLU), reading a model directory in Hugging Face's layout: config.json and model.safetensors.

Debian's python3-torch has neither transformers nor safetensors, so this is the loader that checks
Jemini's Llama export and import:

    /usr/bin/python3 scripts/llama/llama_reference.py check MODEL_DIR
        the loss on the held-out ids of MODEL_DIR/reference-batch.json (written by 'jemini export')
        against Jemini's loss stored beside them; exits 1 when they differ by more than 1e-4
    /usr/bin/python3 scripts/llama/llama_reference.py loss MODEL_DIR IDS.json
        prints the mean next-token cross-entropy of the model on the ids ([[...], ...] in IDS.json)
    /usr/bin/python3 scripts/llama/llama_reference.py fixture OUT_DIR
        writes a small random Llama model and expected.json (ids, loss, logits) for the import test
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "golden"))
from safetensors_io import load, save  # noqa: E402


def rms_norm(x, weight, eps):
    x32 = x.to(torch.float32)
    return weight * (x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rope_tables(cfg, head_dim, length, dtype):
    inv_freq = 1.0 / (cfg.get("rope_theta", 10000.0) ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
    scaling = cfg.get("rope_scaling") or {}
    if scaling:
        kind = scaling.get("rope_type", scaling.get("type"))
        if kind != "linear":
            raise SystemExit("rope_scaling %s is not implemented here" % kind)
        inv_freq = inv_freq / scaling["factor"]
    positions = torch.arange(length, dtype=torch.float32)
    freqs = torch.outer(positions, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos().to(dtype), emb.sin().to(dtype)


def forward(cfg, w, ids):
    b, t = ids.shape
    dim = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    kv = cfg.get("num_key_value_heads", heads)
    hd = cfg.get("head_dim") or dim // heads
    eps = cfg.get("rms_norm_eps", 1e-6)
    x = w["model.embed_tokens.weight"][ids]
    cos, sin = rope_tables(cfg, hd, t, x.dtype)
    mask = torch.full((t, t), float("-inf")).triu(1)
    for i in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % i
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (h @ w[p + "self_attn.q_proj.weight"].T).view(b, t, heads, hd).transpose(1, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).view(b, t, kv, hd).transpose(1, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).view(b, t, kv, hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv, dim=1)
        v = v.repeat_interleave(heads // kv, dim=1)
        scores = q @ k.transpose(2, 3) / math.sqrt(hd) + mask
        attn = torch.softmax(scores.float(), dim=-1).to(q.dtype) @ v
        x = x + attn.transpose(1, 2).reshape(b, t, heads * hd) @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        up = h @ w[p + "mlp.up_proj.weight"].T
        x = x + (torch.nn.functional.silu(gate) * up) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg.get("tie_word_embeddings", False) else w["lm_head.weight"]
    return x @ head.T


def loss(cfg, w, ids):
    logits = forward(cfg, w, ids)
    v = logits.shape[-1]
    return torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, v).float(), ids[:, 1:].reshape(-1)), logits


def read(model_dir):
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    weights = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in
               load(os.path.join(model_dir, "model.safetensors")).items()}
    return cfg, weights


def fixture(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261201)
    cfg = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 50, "hidden_size": 32,
           "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
           "hidden_act": "silu", "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
           "rope_scaling": None, "tie_word_embeddings": False, "attention_bias": False, "mlp_bias": False}
    hd = cfg["hidden_size"] // cfg["num_attention_heads"]

    def mat(*shape, scale=0.15):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    w = {"model.embed_tokens.weight": mat(50, 32, scale=0.5), "model.norm.weight": 1 + mat(32, scale=0.1),
         "lm_head.weight": mat(50, 32, scale=0.3)}
    for i in range(2):
        p = "model.layers.%d." % i
        w[p + "input_layernorm.weight"] = 1 + mat(32, scale=0.1)
        w[p + "post_attention_layernorm.weight"] = 1 + mat(32, scale=0.1)
        w[p + "self_attn.q_proj.weight"] = mat(32, 32)
        w[p + "self_attn.k_proj.weight"] = mat(2 * hd, 32)
        w[p + "self_attn.v_proj.weight"] = mat(2 * hd, 32)
        w[p + "self_attn.o_proj.weight"] = mat(32, 32)
        w[p + "mlp.gate_proj.weight"] = mat(64, 32)
        w[p + "mlp.up_proj.weight"] = mat(64, 32)
        w[p + "mlp.down_proj.weight"] = mat(32, 64)
    w["model.layers.0.self_attn.rotary_emb.inv_freq"] = (1.0 / 10000 ** (np.arange(0, hd, 2) / hd)).astype(np.float32)
    save(os.path.join(out, "model.safetensors"), w, {"format": "pt"})
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
    ids = torch.from_numpy(rng.integers(0, 50, size=(2, 17)))
    value, logits = loss(cfg, {k: torch.from_numpy(v) for k, v in w.items()}, ids)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"ids": ids.tolist(), "loss": value.item(), "logits_first_row": logits[0, 0].tolist(),
                   "logits_last_row": logits[1, -1].tolist()}, f, indent=1)
    print("wrote %s: loss %.6f" % (out, value.item()))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "fixture":
        fixture(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        cfg, w = read(sys.argv[2])
        with open(os.path.join(sys.argv[2], "reference-batch.json")) as f:
            ref = json.load(f)
        with torch.no_grad():
            value, _ = loss(cfg, w, torch.tensor(ref["ids"], dtype=torch.int64))
        diff = abs(value.item() - ref["loss"])
        print("PyTorch Llama %.8f, Jemini %.8f, difference %.2e" % (value.item(), ref["loss"], diff))
        sys.exit(0 if diff <= 1e-4 else 1)
    elif len(sys.argv) == 4 and sys.argv[1] == "loss":
        cfg, w = read(sys.argv[2])
        with open(sys.argv[3]) as f:
            ids = torch.tensor(json.load(f), dtype=torch.int64)
        with torch.no_grad():
            value, _ = loss(cfg, w, ids)
        print("%.8f" % value.item())
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
