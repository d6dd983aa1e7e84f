package io.jemini.multimodal.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.model.VisionTransformer;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.checkpoint.Checkpoint;
import io.jemini.engine.io.Safetensors;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.InitialWeights;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Starts a vision tower from the vision transformer of an image–text (SPARC or CLIP) run: its
 * {@code vision.*} tensors, shapes checked, everything else of that checkpoint (text tower,
 * adapters, temperature) left aside on purpose.
 */
final class TowerWeights {
    private static final String PREFIX = "vision.";

    private TowerWeights() {
    }

    /** Loads {@code from}'s tower into {@code tower}, whose shape is {@code vision}'s. */
    static void load(VisionTransformer tower, MultimodalConfig.Vision vision, Path from) {
        Checkpoint ckpt = InitialWeights.checkpoint(from);
        JsonNode trained = ckpt.state().path("config");
        if (!"sparc".equals(trained.path("task").asText())) {
            throw new IllegalArgumentException("vision.init_from = " + from + " is not an image–text run (its task is "
                    + trained.path("task").asText("lm") + "); give a SPARC or CLIP run");
        }
        JsonNode m = trained.path("model");
        int[][] pairs = {{m.path("width").asInt(), vision.width()}, {m.path("layers").asInt(), vision.layers()},
            {m.path("heads").asInt(), vision.heads()}, {m.path("hidden").asInt(), vision.hidden()},
            {m.path("patch").asInt(), vision.patch()}};
        String[] keys = {"width", "layers", "heads", "hidden", "patch"};
        for (int i = 0; i < keys.length; i++) {
            if (pairs[i][0] != pairs[i][1]) {
                throw new IllegalArgumentException("vision.init_from = " + from + ": its model." + keys[i] + " is "
                        + pairs[i][0] + " but vision." + keys[i] + " is " + pairs[i][1] + "; they must match");
            }
        }
        Safetensors file = ckpt.model();
        Map<String, Tensor> params = tower.parameters();
        params.forEach((name, t) -> {
            String source = PREFIX + name;
            if (!file.contains(source)) {
                throw new IllegalArgumentException("vision.init_from = " + from + ": " + ckpt.dir() + " has no " + source
                        + "; is it a SPARC or CLIP run?");
            }
            if (!Arrays.equals(file.shape(source), t.dims())) {
                throw new IllegalArgumentException("vision.init_from = " + from + ": " + source + " is "
                        + Arrays.toString(file.shape(source)) + " there but " + t.shape() + " here; match vision.width, "
                        + "layers, hidden and patch to that run's model section");
            }
        });
        long extra = file.entries().keySet().stream().filter(n -> n.startsWith(PREFIX)
                && !params.containsKey(n.substring(PREFIX.length()))).count();
        if (extra > 0) {
            throw new IllegalArgumentException("vision.init_from = " + from + ": its vision tower has " + extra
                    + " tensors this tower has no place for; match vision.layers to that run");
        }
        try (var noGrad = GradMode.disabled()) {
            params.forEach((name, t) -> t.copy_(Tensor.of(file.floats(PREFIX + name), t.dims())));
        }
    }
}
