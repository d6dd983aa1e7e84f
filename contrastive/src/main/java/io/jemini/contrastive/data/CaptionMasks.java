package io.jemini.contrastive.data;

/** Derived forms of a caption mask {@code [B, L]} (1 for a real token, 0 for padding). */
public final class CaptionMasks {
    private CaptionMasks() {
    }

    /** 1 where a token is padding, 0 where it is real: the form attention and masked fill take. */
    public static float[] padding(float[] mask) {
        float[] pad = new float[mask.length];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = mask[i] == 0 ? 1 : 0;
        }
        return pad;
    }

    /** Weights of a per-caption mean over real tokens: {@code mask / (real tokens of the caption)}, 0 for an empty caption. */
    public static float[] meanWeights(float[] mask, int captions, int length) {
        float[] w = new float[captions * length];
        for (int i = 0; i < captions; i++) {
            float real = 0;
            for (int j = 0; j < length; j++) {
                real += mask[i * length + j];
            }
            for (int j = 0; j < length; j++) {
                w[i * length + j] = real > 0 ? mask[i * length + j] / real : 0;
            }
        }
        return w;
    }
}
