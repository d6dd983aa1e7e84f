package io.jemini.engine.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.training.RunDirectory;
import java.util.List;

/**
 * One evaluation a task offers to {@code jemini eval --suite NAME} on a trained model. Its figures
 * go, at full precision, to the run's {@code eval/NAME.json} (or {@code eval/NAME-TAG.json} for an
 * evaluation under changed settings, so no earlier result is overwritten); the summary is what
 * the command prints.
 */
public interface EvalSuite<M> {
    /** The suite's name on the command line and in file names. */
    String key();

    /**
     * The suite's figures on a trained model; {@code overrides} are the {@code --set} changes its
     * config was built with, for suites that record what they vary.
     */
    ObjectNode evaluate(M model, List<String> overrides);

    /** A few lines for the terminal, from the figures. */
    String summary(JsonNode figures);

    /** Draws the figures' plot as {@code plots/<stem>.png}, for suites that have one. */
    default void draw(RunDirectory run, JsonNode figures, String stem) {
    }
}
