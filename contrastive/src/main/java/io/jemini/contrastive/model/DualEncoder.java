package io.jemini.contrastive.model;

import io.jemini.contrastive.data.CaptionMasks;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.nn.Module;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;

/**
 * SPARC's two towers: a ViT and a text transformer, linear adapters {@code g_v}, {@code g_t} into
 * the shared space, the non-linear head {@code h_v} (Linear + GELU) on the pooled vision path
 * only, and a learned {@code logit_scale} initialised to log(1/0.07) (clamped at log 100 by the
 * trainer after each step, as CLIP does).
 */
public final class DualEncoder extends Module {
    /** What one forward pass gives the losses. */
    public record Embeddings(Tensor patches, Tensor imageGlobal, Tensor tokens, Tensor textGlobal) {
    }

    private final VisionTransformer vision;
    private final TextTransformer text;
    private final Linear headV;
    private final Linear adapterV;
    private final Linear adapterT;
    private final Tensor logitScale;

    public DualEncoder(VisionTransformer vision, TextTransformer text, int width, int shared, Rng rng) {
        this.vision = child("vision", vision);
        this.text = child("text", text);
        this.headV = child("h_v", new Linear(width, width, true, rng));
        this.adapterV = child("g_v", new Linear(width, shared, false, rng));
        this.adapterT = child("g_t", new Linear(width, shared, false, rng));
        this.logitScale = parameter("logit_scale", Tensor.scalar((float) Math.log(1 / 0.07)));
    }

    public Tensor logitScale() {
        return logitScale;
    }

    /** The image side: patch embeddings, the global embedding, and each patch through {@code h_v} too. */
    /** A caption batch's token embeddings {@code [B, L, shared]} and their masked mean {@code [B, shared]}. */
    public record TextEmbeddings(Tensor tokens, Tensor global) {
    }

    public record ImageEmbeddings(Tensor patches, Tensor global, Tensor patchesThroughHead) {
    }

    /**
     * Patch embeddings {@code g_v(f_v(x)_p)}, global image {@code g_v(h_v(mean_p f_v(x)_p))},
     * token embeddings {@code g_t(f_t(t)_l)} and the masked mean of the token embeddings.
     */
    public Embeddings encode(Tensor images, Indices ids, float[] mask) {
        Tensor patchFeatures = vision.forward(images);
        Tensor patches = adapterV.forward(patchFeatures);
        Tensor imageGlobal = adapterV.forward(headV.forward(patchFeatures.mean(1, false)).gelu());
        TextEmbeddings text = encodeText(ids, mask);
        return new Embeddings(patches, imageGlobal, text.tokens(), text.global());
    }

    /** For evaluation: patches, global embedding, and per-patch {@code g_v(h_v(f_v(x)_p))} (the segmentation path). */
    public ImageEmbeddings encodeImage(Tensor images) {
        Tensor patchFeatures = vision.forward(images);
        return new ImageEmbeddings(adapterV.forward(patchFeatures),
                adapterV.forward(headV.forward(patchFeatures.mean(1, false)).gelu()),
                adapterV.forward(headV.forward(patchFeatures).gelu()));
    }

    /** Token embeddings {@code [B, L, shared]} and their masked mean {@code [B, shared]}. */
    public TextEmbeddings encodeText(Indices ids, float[] mask) {
        Tensor tokens = adapterT.forward(text.forward(ids, mask));
        int b = ids.shape().dim(0);
        int l = ids.shape().dim(1);
        Tensor textGlobal = tokens.mul(Tensor.of(CaptionMasks.meanWeights(mask, b, l), b, l, 1)).sum(1, false);
        return new TextEmbeddings(tokens, textGlobal);
    }

    public VisionTransformer vision() {
        return vision;
    }
}
