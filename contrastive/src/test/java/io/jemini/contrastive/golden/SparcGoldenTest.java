package io.jemini.contrastive.golden;

import static io.jemini.engine.testing.GradCheck.compare;
import static io.jemini.engine.testing.Golden.doubles;
import static io.jemini.engine.testing.Golden.toDouble;

import io.jemini.contrastive.losses.ContrastiveLosses;
import io.jemini.contrastive.losses.SparseSimilarity;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPARC's grouped embeddings, fine-grained loss and the CLIP loss against PyTorch (float64), padded captions. */
class SparcGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"sparc_per_sample_sigma_1_over_p", "sparc_per_token_no_sparsity"})
    void matchesPyTorch(String name) {
        Safetensors st = Golden.load(getClass(), name);
        Tensor tokens = leaf(st, "tokens");
        Tensor patches = leaf(st, "patches");
        Tensor image = leaf(st, "image");
        Tensor text = leaf(st, "text");
        Tensor logScale = leaf(st, "log_scale");
        float sigma = Float.parseFloat(st.metadata().get("sigma"));
        ContrastiveLosses.Averaging avg = Boolean.parseBoolean(st.metadata().get("per_sample"))
                ? ContrastiveLosses.Averaging.PER_SAMPLE : ContrastiveLosses.Averaging.PER_TOKEN;
        Tensor scale = logScale.exp();
        SparseSimilarity.Result sim = SparseSimilarity.apply(tokens, patches, sigma);
        compare(name + " grouped", toDouble(sim.grouped().data()), doubles(st, "grouped"), 2e-5);
        compare(name + " weights", toDouble(sim.weights()), doubles(st, "weights"), 2e-5);
        Tensor fine = ContrastiveLosses.fineGrained(sim.grouped(), tokens, st.floats("mask"), scale, avg);
        Tensor clip = ContrastiveLosses.clip(image, text, scale);
        compare(name + " fine loss", toDouble(fine.data()), doubles(st, "fine_loss"), 2e-5);
        compare(name + " clip loss", toDouble(clip.data()), doubles(st, "clip_loss"), 2e-5);
        fine.add(clip.mul(0.5f)).backward();
        for (String p : new String[] {"tokens", "patches", "image", "text", "log_scale"}) {
            Tensor t = switch (p) {
                case "tokens" -> tokens;
                case "patches" -> patches;
                case "image" -> image;
                case "text" -> text;
                default -> logScale;
            };
            compare(name + " grad " + p, toDouble(t.gradData()), doubles(st, "grad." + p), 1e-4);
        }
    }

    private static Tensor leaf(Safetensors st, String name) {
        return Tensor.of(st.floats(name), st.shape(name)).requiresGrad(true);
    }
}
