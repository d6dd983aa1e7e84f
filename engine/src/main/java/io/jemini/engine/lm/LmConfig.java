package io.jemini.engine.lm;

/**
 * The shape of a decoder-only transformer language model.
 *
 * @param norm {@code rms} or {@code layer}
 * @param ffn  {@code swiglu} or {@code gelu}
 */
public record LmConfig(int vocab, int dim, int layers, int heads, int hidden, int maxSeq, String norm, String ffn,
                       double ropeBase, boolean tiedEmbeddings, float eps) {
}
