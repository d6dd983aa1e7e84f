package io.jemini.engine.task;

import io.jemini.engine.training.RunDirectory;
import java.util.List;

/**
 * One evaluation a task offers to {@code jemini eval --suite NAME} on a trained model. A suite
 * that stores its figures in the run directory ({@link #stores()}) keeps an evaluation under
 * changed settings apart by a tag, so no earlier result is overwritten.
 */
public interface EvalSuite<M> {
    /** What the suite does with a trained model; returns the text to print. */
    @FunctionalInterface
    interface Evaluator<M> {
        String evaluate(M model, RunDirectory run, String tag, List<String> overrides);
    }

    String name();

    /** Whether the suite writes its figures into the run directory (and so needs a tag under {@code --set}). */
    boolean stores();

    String evaluate(M model, RunDirectory run, String tag, List<String> overrides);

    /** A suite that only prints. */
    static <M> EvalSuite<M> printing(String name, Evaluator<M> evaluator) {
        return of(name, false, evaluator);
    }

    /** A suite that stores its figures in the run directory. */
    static <M> EvalSuite<M> storing(String name, Evaluator<M> evaluator) {
        return of(name, true, evaluator);
    }

    private static <M> EvalSuite<M> of(String name, boolean stores, Evaluator<M> evaluator) {
        return new EvalSuite<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean stores() {
                return stores;
            }

            @Override
            public String evaluate(M model, RunDirectory run, String tag, List<String> overrides) {
                return evaluator.evaluate(model, run, tag, overrides);
            }
        };
    }
}
