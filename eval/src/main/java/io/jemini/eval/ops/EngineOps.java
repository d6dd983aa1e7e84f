package io.jemini.eval.ops;

import static io.jemini.eval.ops.OpSpec.Input.ints;
import static io.jemini.eval.ops.OpSpec.Input.optional;
import static io.jemini.eval.ops.OpSpec.Input.tensor;

import io.jemini.engine.ops.Activations;
import io.jemini.engine.ops.Attention;
import io.jemini.engine.ops.BlockwiseAttention;
import io.jemini.engine.ops.Indexing;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.Normalization;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.ops.Softmaxes;
import io.jemini.engine.tensor.Tensor;
import io.jemini.eval.ops.OpSpec.Attribute;
import java.util.List;
import java.util.Map;

/** The engine's ops and losses as registry entries. */
public final class EngineOps {
    private EngineOps() {
    }

    public static OpRegistry registerAll(OpRegistry r) {
        r.register(new OpSpec("matmul", "op(a) · op(b); batched over leading dims, b may be 2-D",
                List.of(tensor("a", "[..., m, k]"), tensor("b", "[k, n] or [..., k, n]")),
                List.of(new Attribute("trans_a", "bool", "false", "transpose a's last two dims"),
                        new Attribute("trans_b", "bool", "false", "transpose b's last two dims")),
                c -> out(LinearAlgebra.matmul(c.tensor("a"), c.tensor("b"), c.boolAttr("trans_a"), c.boolAttr("trans_b")))));
        r.register(new OpSpec("softmax", "softmax along an axis", List.of(tensor("x", "any shape")),
                List.of(axis()), c -> out(Softmaxes.softmax(c.tensor("x"), c.intAttr("axis")))));
        r.register(new OpSpec("log_softmax", "log-softmax along an axis", List.of(tensor("x", "any shape")),
                List.of(axis()), c -> out(Softmaxes.logSoftmax(c.tensor("x"), c.intAttr("axis")))));
        r.register(new OpSpec("layer_norm", "LayerNorm over the last dim",
                List.of(tensor("x", "[..., d]"), tensor("weight", "[d]"), tensor("bias", "[d]")),
                List.of(eps("1e-5")), c -> out(Normalization.layerNorm(c.tensor("x"), c.tensor("weight"), c.tensor("bias"),
                        c.floatAttr("eps")))));
        r.register(new OpSpec("rms_norm", "RMSNorm over the last dim", List.of(tensor("x", "[..., d]"), tensor("weight", "[d]")),
                List.of(eps("1e-6")), c -> out(Normalization.rmsNorm(c.tensor("x"), c.tensor("weight"), c.floatAttr("eps")))));
        r.register(new OpSpec("gelu", "GELU, exact or tanh approximation", List.of(tensor("x", "any shape")),
                List.of(new Attribute("approximate", "none|tanh", "none", "as torch.nn.functional.gelu")),
                c -> out(c.attribute("approximate").equals("tanh") ? Activations.geluTanh(c.tensor("x"))
                        : Activations.gelu(c.tensor("x")))));
        r.register(new OpSpec("silu", "x · sigmoid(x)", List.of(tensor("x", "any shape")), List.of(),
                c -> out(Activations.silu(c.tensor("x")))));
        r.register(new OpSpec("cross_entropy", "mean cross-entropy with ignore index and label smoothing",
                List.of(tensor("logits", "[..., classes]"), ints("targets", "[...] class ids")),
                List.of(new Attribute("ignore_index", "int", String.valueOf(Losses.IGNORE_INDEX), "targets to skip"),
                        new Attribute("label_smoothing", "float", "0.0", "in [0, 1]")),
                c -> out(Losses.crossEntropy(c.tensor("logits"), c.indices("targets"), c.intAttr("ignore_index"),
                        c.floatAttr("label_smoothing")))));
        r.register(new OpSpec("attention", "scaled dot-product attention, optional causal mask and RoPE on q and k",
                List.of(tensor("q", "[B, H, T, D]"), tensor("k", "[B, H, T, D]"), tensor("v", "[B, H, T, D]"),
                        optional("key_padding", "[B, T], 1 marks padding")),
                List.of(new Attribute("causal", "bool", "false", "mask keys after the query"),
                        new Attribute("rope", "bool", "false", "rotate q and k (rotate-half layout)"),
                        new Attribute("rope_base", "float", "10000", "RoPE frequency base")),
                EngineOps::attention));
        r.register(new OpSpec("flash_attention", "memory-linear (blockwise, online-softmax) attention: causal, sliding "
                + "window, grouped-query heads (Hq a multiple of Hkv), key padding",
                List.of(tensor("q", "[B, Hq, Tq, D]"), tensor("k", "[B, Hkv, Tk, D]"), tensor("v", "[B, Hkv, Tk, D]"),
                        optional("key_padding", "[B, Tk], 1 marks padding")),
                List.of(new Attribute("causal", "bool", "false", "query i (at key position Tk - Tq + i) sees keys up to it"),
                        new Attribute("window", "int", "0", "with causal, only the last window keys (0: all)")),
                c -> out(BlockwiseAttention.apply(c.tensor("q"), c.tensor("k"), c.tensor("v"), c.boolAttr("causal"),
                        c.intAttr("window"), c.tensor("key_padding")))));
        r.register(new OpSpec("embedding", "rows of weight for each id", List.of(tensor("weight", "[vocab, dim]"),
                ints("ids", "[...] token ids")), List.of(), c -> out(Indexing.embedding(c.tensor("weight"), c.indices("ids")))));
        return r;
    }

    private static Map<String, Tensor> attention(OpCall c) {
        Tensor q = c.tensor("q");
        Tensor k = c.tensor("k");
        if (c.boolAttr("rope")) {
            Rotary rope = new Rotary(q.dim(-1), Math.max(q.dim(-2), k.dim(-2)), c.floatAttr("rope_base"));
            q = rope.apply(q, 0);
            k = rope.apply(k, 0);
        }
        return out(Attention.scaledDotProduct(q, k, c.tensor("v"), c.boolAttr("causal"), c.tensor("key_padding")));
    }

    private static Attribute axis() {
        return new Attribute("axis", "int", "-1", "the axis (negative counts from the end)");
    }

    private static Attribute eps(String value) {
        return new Attribute("eps", "float", value, "added to the variance");
    }

    private static Map<String, Tensor> out(Tensor t) {
        return Map.of("out", t);
    }
}
