package io.jemini.engine.golden;

import static io.jemini.engine.testing.Golden.doubles;
import static io.jemini.engine.testing.Golden.toDouble;
import static io.jemini.engine.testing.GradCheck.compare;

import io.jemini.engine.config.ConfigChoice;
import io.jemini.engine.io.ParameterIO;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.nn.Module;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.nn.TransformerBlock;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.ops.Losses;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.optim.LrSchedule;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.Golden;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Composite ops against PyTorch (float64 references from {@code scripts/golden/make_fixtures.py}).
 * Tolerances are relative to the largest reference magnitude: 2e-5 for forward values, 1e-4 for
 * gradients, 1e-5 for parameters after ten optimizer steps.
 */
class TorchGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"block_rms_swiglu_rope_causal", "block_layer_gelu_rope_causal_padded"})
    void transformerBlock(String name) {
        Safetensors st = Golden.load(getClass(), name);
        Map<String, String> meta = st.metadata();
        int dim = Integer.parseInt(meta.get("dim"));
        int heads = Integer.parseInt(meta.get("heads"));
        int seq = Integer.parseInt(meta.get("seq"));
        TransformerBlock block = new TransformerBlock(dim, heads, Integer.parseInt(meta.get("hidden")),
                ConfigChoice.parse(Norm.Kind.class, meta.get("norm")), ConfigChoice.parse(FeedForward.Kind.class, meta.get("ffn")),
                Float.parseFloat(meta.get("eps")), new Rng(0));
        ParameterIO.load(block.parameters(), st);
        Tensor x = Tensor.of(st.floats("x"), st.shape("x")).requiresGrad(true);
        Tensor pad = st.contains("key_padding") ? Tensor.of(st.floats("key_padding"), st.shape("key_padding")) : null;
        Rotary rope = new Rotary(dim / heads, seq, Double.parseDouble(meta.get("rope_base")));
        Tensor out = block.forward(x, rope, Boolean.parseBoolean(meta.get("causal").toLowerCase()), pad);
        compare(name + " out", toDouble(out.data()), doubles(st, "out"), 2e-5);
        out.backward(st.floats("grad_out"));
        compare(name + " grad x", toDouble(x.gradData()), doubles(st, "grad.x"), 1e-4);
        block.parameters().forEach((p, t) -> compare(name + " grad " + p, toDouble(t.gradData()), doubles(st, "grad." + p), 1e-4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross_entropy_smoothed", "cross_entropy_plain_custom_ignore"})
    void crossEntropy(String name) {
        Safetensors st = Golden.load(getClass(), name);
        int[] shape = st.shape("logits");
        Tensor logits = Tensor.of(st.floats("logits"), shape).requiresGrad(true);
        Indices targets = Indices.of(st.ints("targets"), st.shape("targets"));
        Tensor loss = Losses.crossEntropy(logits, targets, Integer.parseInt(st.metadata().get("ignore_index")),
                Float.parseFloat(st.metadata().get("label_smoothing")));
        compare(name + " loss", toDouble(loss.data()), doubles(st, "loss"), 2e-6);
        loss.backward();
        compare(name + " grad", toDouble(logits.gradData()), doubles(st, "grad.logits"), 1e-5);
    }

    /** The fixture's model: Linear(6, 16) → GELU → Linear(16, 5). */
    private static final class TwoLayer extends Module {
        final Linear fc1 = child("fc1", new Linear(6, 16, true, new Rng(0)));
        final Linear fc2 = child("fc2", new Linear(16, 5, true, new Rng(0)));
    }

    @Test
    void adamWithClippingAndCosineSchedule() {
        Safetensors st = Golden.load(getClass(), "adamw_10_steps");
        Map<String, String> cfg = st.metadata();
        TwoLayer model = new TwoLayer();
        Map<String, Tensor> params = model.parameters();
        params.forEach((name, t) -> {
            try (var scope = io.jemini.engine.autograd.GradMode.disabled()) {
                t.copy_(Tensor.of(st.floats("init." + name), t.dims()));
            }
        });
        AdamW opt = new AdamW(params, f(cfg, "beta1"), f(cfg, "beta2"), f(cfg, "eps"), f(cfg, "weight_decay"), n -> true);
        int steps = Integer.parseInt(cfg.get("steps"));
        LrSchedule schedule = LrSchedule.warmupCosine(f(cfg, "peak_lr"), Long.parseLong(cfg.get("warmup")),
                Long.parseLong(cfg.get("total")), f(cfg, "min_lr"));
        Tensor x = Tensor.of(st.floats("x"), st.shape("x"));
        Indices y = Indices.of(st.ints("y"), st.shape("y"));
        double[] losses = new double[steps];
        double[] norms = new double[steps];
        double[] lrs = new double[steps];
        for (int step = 0; step < steps; step++) {
            lrs[step] = schedule.at(step);
            opt.zeroGrad();
            Tensor loss = Losses.crossEntropy(model.fc2.forward(model.fc1.forward(x).gelu()), y, -100, 0f);
            loss.backward();
            norms[step] = GradientClipping.clipGlobalNorm(params, f(cfg, "max_norm"));
            opt.step((float) lrs[step]);
            losses[step] = loss.item();
        }
        compare("learning rates", lrs, doubles(st, "lrs"), 1e-7);
        compare("losses", losses, doubles(st, "losses"), 1e-5);
        compare("gradient norms", norms, doubles(st, "grad_norms"), 1e-5);
        params.forEach((name, t) -> compare("final " + name, toDouble(t.data()), doubles(st, "final." + name), 1e-5));
    }

    private static float f(Map<String, String> cfg, String key) {
        return Float.parseFloat(cfg.get(key));
    }
}
