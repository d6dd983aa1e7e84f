package io.jemini.contrastive.model;

import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.LayerNorm;
import io.jemini.engine.nn.Linear;
import io.jemini.engine.nn.Module;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.nn.TransformerBlock;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A small ViT: non-overlapping square patches flattened and projected, learned 2-D position
 * embeddings (one per grid cell), pre-norm bidirectional blocks (LayerNorm, GELU MLP), a final
 * LayerNorm, and no class token — pooling is left to the caller (SPARC averages patches).
 */
public final class VisionTransformer extends Module {
    private final int size;
    private final int patch;
    private final int channels;
    private final int width;
    private final Linear embed;
    private final Tensor position;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;

    public VisionTransformer(int size, int patch, int channels, int dim, int layers, int heads, int hidden, Rng rng) {
        if (size % patch != 0) {
            throw new IllegalArgumentException("image size " + size + " is not a multiple of the patch size " + patch);
        }
        this.size = size;
        this.patch = patch;
        this.channels = channels;
        this.width = dim;
        int grid = size / patch;
        this.embed = child("patch_embed", new Linear(patch * patch * channels, dim, true, rng));
        this.position = parameter("position", Tensor.randn(rng, 0.02f, grid * grid, dim));
        for (int i = 0; i < layers; i++) {
            blocks.add(child("blocks." + i, new TransformerBlock(dim, heads, hidden, Norm.Kind.LAYER, FeedForward.Kind.GELU, 1e-5f, rng)));
        }
        this.norm = child("norm", new LayerNorm(dim, 1e-5f));
    }

    /** The width of its patch features. */
    public int width() {
        return width;
    }

    public int patches() {
        return (size / patch) * (size / patch);
    }

    /** Images {@code [B, size, size, channels]} (HWC) to patch vectors {@code [B, P, patch*patch*channels]}. */
    public Tensor patchify(Tensor images) {
        int b = images.dim(0);
        int g = size / patch;
        return images.reshape(b, g, patch, g, patch, channels).permute(0, 1, 3, 2, 4, 5)
                .reshape(b, g * g, patch * patch * channels);
    }

    /** Patch features {@code [B, P, dim]} for images {@code [B, size, size, channels]}. */
    public Tensor forward(Tensor images) {
        return forwardPatches(patchify(images));
    }

    /** Patch features {@code [B, P, dim]} for images already cut into patch vectors {@code [B, P, patch*patch*channels]}. */
    public Tensor forwardPatches(Tensor patches) {
        Tensor h = embed.forward(patches).add(position);
        for (TransformerBlock block : blocks) {
            h = block.forward(h, null, false, null);
        }
        return norm.forward(h);
    }
}
