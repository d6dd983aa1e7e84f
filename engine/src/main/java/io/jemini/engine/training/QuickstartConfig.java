package io.jemini.engine.training;

import io.jemini.engine.config.Checks;

/**
 * The config of the quickstart job: a small transformer LM trained on generated Markov-chain
 * text. Keys are snake_case in JSON; every field is required.
 */
public record QuickstartConfig(String name, long seed, Data data, Model model, Train train) {
    /** Generated data: a second-order Markov chain over {@code vocab} tokens. */
    public record Data(String kind, int vocab, int branching) {
    }

    public record Model(int dim, int layers, int heads, int hidden, int seqLen, String norm, String ffn, double ropeBase,
                        boolean tiedEmbeddings) {
    }

    public record Train(int steps, int batchSize, double lr, int warmupSteps, double minLr, double weightDecay,
                        double gradClip, int logEvery, int evalBatches) {
    }

    /** Checks every range and cross-field rule, reporting all problems together. */
    public QuickstartConfig validate(String source) {
        Checks c = new Checks();
        c.require(name != null && name.matches("[A-Za-z0-9._-]+"), "name", name, "use letters, digits, '.', '_' or '-'");
        if (data == null || model == null || train == null) {
            c.require(false, data == null ? "data" : model == null ? "model" : "train", null, "the section is required");
            c.throwIfAny(source);
        }
        c.oneOf("data.kind", data.kind(), "markov");
        c.atLeast("data.vocab", data.vocab(), 2);
        c.require(data.branching() >= 1 && data.branching() <= data.vocab(), "data.branching", data.branching(),
                "must be between 1 and data.vocab");
        c.atLeast("model.dim", model.dim(), 2);
        c.atLeast("model.layers", model.layers(), 1);
        c.atLeast("model.heads", model.heads(), 1);
        c.require(model.heads() > 0 && model.dim() % model.heads() == 0 && (model.dim() / model.heads()) % 2 == 0,
                "model.heads", model.heads(), "must divide model.dim into an even head size (RoPE)");
        c.atLeast("model.hidden", model.hidden(), 1);
        c.atLeast("model.seq_len", model.seqLen(), 1);
        c.oneOf("model.norm", model.norm(), "rms", "layer");
        c.oneOf("model.ffn", model.ffn(), "swiglu", "gelu");
        c.positive("model.rope_base", model.ropeBase());
        c.atLeast("train.steps", train.steps(), 1);
        c.atLeast("train.batch_size", train.batchSize(), 1);
        c.positive("train.lr", train.lr());
        c.require(train.warmupSteps() >= 0 && train.warmupSteps() <= train.steps(), "train.warmup_steps",
                train.warmupSteps(), "must be between 0 and train.steps");
        c.require(train.minLr() >= 0 && train.minLr() <= train.lr(), "train.min_lr", train.minLr(), "must be between 0 and train.lr");
        c.require(train.weightDecay() >= 0, "train.weight_decay", train.weightDecay(), "must be >= 0");
        c.positive("train.grad_clip", train.gradClip());
        c.atLeast("train.log_every", train.logEvery(), 1);
        c.atLeast("train.eval_batches", train.evalBatches(), 1);
        c.throwIfAny(source);
        return this;
    }
}
