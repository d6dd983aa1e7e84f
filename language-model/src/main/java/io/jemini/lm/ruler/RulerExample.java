package io.jemini.lm.ruler;

import java.util.List;

/**
 * One task instance: the prompt's tokens (ending where the answer begins), the answer's tokens as
 * training sees them, and the reference strings an answer is scored against (each must appear).
 */
public record RulerExample(int[] prompt, int[] answer, List<String> references) {
    /** Prompt and answer together: a training window of {@code length} tokens. */
    public int[] tokens() {
        int[] out = java.util.Arrays.copyOf(prompt, prompt.length + answer.length);
        System.arraycopy(answer, 0, out, prompt.length, answer.length);
        return out;
    }
}
