package io.jemini.eval.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.random.Rng;
import io.jemini.engine.task.EvalSuite;
import io.jemini.engine.task.ReportSection;
import io.jemini.engine.task.Task;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.training.MemoryEstimate;
import io.jemini.engine.training.Objective;
import io.jemini.engine.training.RunDirectory;
import io.jemini.engine.training.Throughput;
import io.jemini.engine.training.Validation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A task that lives only in the test sources and is registered there as a service: least squares
 * on a random linear map. That every command runs it shows a task is added without touching them.
 */
public final class LinearMapTask implements Task<LinearMapConfig, LinearMapTask.Fit> {
    /** The map being learned, its training stream and a fixed held-out set. */
    public static final class Fit implements Objective {
        private final LinearMapConfig config;
        private final Linear model;
        private final Tensor truth;
        private final long dataSeed;
        private final Tensor[] heldOut;

        Fit(LinearMapConfig config) {
            this.config = config;
            Rng root = new Rng(config.seed());
            LinearMapConfig.Data d = config.data();
            truth = Tensor.randn(root, 1f, d.outputs(), d.inputs());
            model = new Linear(d.inputs(), d.outputs(), false, root);
            dataSeed = root.nextLong();
            heldOut = sample(new Rng(root.nextLong()), d.heldOut());
        }

        private Tensor[] sample(Rng rng, int rows) {
            LinearMapConfig.Data d = config.data();
            Tensor x = Tensor.randn(rng, 1f, rows, d.inputs());
            Tensor noise = Tensor.randn(rng, (float) d.noise(), rows, d.outputs());
            try (var noGrad = GradMode.disabled()) {
                return new Tensor[] {x, io.jemini.engine.ops.LinearAlgebra.matmul(x, truth, false, true).add(noise)};
            }
        }

        private Tensor meanSquaredError(Tensor[] batch) {
            return model.forward(batch[0]).sub(batch[1]).pow(2f).mean();
        }

        @Override
        public Linear model() {
            return model;
        }

        @Override
        public String description() {
            return "a random linear map " + config.data().inputs() + " -> " + config.data().outputs();
        }

        @Override
        public Step step(long step) {
            Tensor loss = meanSquaredError(sample(new Rng(dataSeed ^ step), config.train().batchSize()));
            if (step == config.data().poisonStep()) {
                loss = loss.mul(Float.NaN);
            }
            return new Step(loss, loss.item(), Map.of());
        }

        @Override
        public Validation validate() {
            double mse;
            try (var noGrad = GradMode.disabled()) {
                mse = meanSquaredError(heldOut).item();
            }
            return new Validation(Map.of("val_mse", mse), String.format(Locale.ROOT, "held-out MSE %.5f", mse));
        }

        /** The relative Frobenius distance of the learned map from the true one. */
        double weightError() {
            float[] w = model.parameters().get("weight").data();
            float[] t = truth.data();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < t.length; i++) {
                diff += (w[i] - t[i]) * (double) (w[i] - t[i]);
                norm += t[i] * (double) t[i];
            }
            return Math.sqrt(diff / norm);
        }

        @Override
        public long[] dataPosition() {
            return new long[0];
        }

        @Override
        public void seek(long[] position) {
        }
    }

    @Override
    public String name() {
        return "linear-map";
    }

    @Override
    public Class<LinearMapConfig> configType() {
        return LinearMapConfig.class;
    }

    @Override
    public LinearMapConfig defaults() {
        return LinearMapConfig.defaults();
    }

    @Override
    public MemoryEstimate memory(LinearMapConfig config) {
        return new MemoryEstimate((double) config.data().inputs() * config.data().outputs(), 0, List.of("data.inputs"));
    }

    @Override
    public Throughput throughput(LinearMapConfig config) {
        return new Throughput("samples", "samples", config.train().batchSize());
    }

    @Override
    public Fit build(LinearMapConfig config, RunDirectory run) {
        return new Fit(config);
    }

    @Override
    public ObjectNode results(Fit model, Validation lastValidation) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("val_mse", (double) model.validate().metrics().get("val_mse"));
        r.put("weight_error", model.weightError());
        return r;
    }

    @Override
    public String summary(JsonNode results) {
        return String.format(Locale.ROOT, "held-out MSE %.5f, weight error %.4f", results.path("val_mse").asDouble(),
                results.path("weight_error").asDouble());
    }

    @Override
    public List<String> summaryKeys() {
        return List.of("val_mse", "weight_error");
    }

    @Override
    public List<EvalSuite<Fit>> suites() {
        return List.of(new EvalSuite<>() {
            @Override
            public String key() {
                return "fit";
            }

            @Override
            public ObjectNode evaluate(Fit model, List<String> overrides) {
                return JsonNodeFactory.instance.objectNode().put("weight_error", model.weightError());
            }

            @Override
            public String summary(JsonNode figures) {
                return String.format(Locale.ROOT, "weight error %.6f", figures.path("weight_error").asDouble());
            }
        });
    }

    @Override
    public List<ReportSection> reportSections() {
        return List.of((run, metrics, results) -> results == null ? ""
                : "## Fit\n\nThe learned map is " + results.path("weight_error").asText() + " from the true one.\n\n");
    }
}
