package io.jemini.contrastive.training;

import io.jemini.contrastive.model.DualEncoder;
import io.jemini.engine.tensor.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The embeddings of a worker's slices in the byte form workers all-gather, and every worker's
 * put back together as the whole batch's embeddings, as leaves that collect the loss's gradient.
 */
final class EmbeddingShare {
    private static final int KINDS = 4;

    private EmbeddingShare() {
    }

    /** Each slice's patches, image global, tokens and text global, in slice order. */
    static byte[] encode(List<DualEncoder.Embeddings> slices) {
        List<Tensor> tensors = new ArrayList<>();
        for (DualEncoder.Embeddings e : slices) {
            tensors.addAll(List.of(e.patches(), e.imageGlobal(), e.tokens(), e.textGlobal()));
        }
        int bytes = 4;
        for (Tensor t : tensors) {
            bytes += 4 + 4 * t.rank() + 4 * t.numel();
        }
        ByteBuffer b = ByteBuffer.allocate(bytes);
        b.putInt(tensors.size());
        for (Tensor t : tensors) {
            b.putInt(t.rank());
            for (int d : t.dims()) {
                b.putInt(d);
            }
            b.asFloatBuffer().put(t.read());
            b.position(b.position() + 4 * t.numel());
        }
        return b.array();
    }

    /** Every worker's slices (messages in rank order, so slices in order) as the whole batch's embeddings. */
    static DualEncoder.Embeddings assemble(byte[][] messages) {
        List<List<float[]>> parts = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (int k = 0; k < KINDS; k++) {
            parts.add(new ArrayList<>());
            shapes.add(null);
        }
        int index = 0;
        for (byte[] m : messages) {
            ByteBuffer b = ByteBuffer.wrap(m);
            int count = b.getInt();
            for (int i = 0; i < count; i++, index++) {
                int[] dims = new int[b.getInt()];
                int numel = 1;
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = b.getInt();
                    numel *= dims[d];
                }
                float[] data = new float[numel];
                b.asFloatBuffer().get(data);
                b.position(b.position() + 4 * numel);
                int kind = index % KINDS;
                parts.get(kind).add(data);
                int[] whole = shapes.get(kind) == null ? dims.clone() : shapes.get(kind);
                if (shapes.get(kind) != null) {
                    whole[0] += dims[0];
                }
                shapes.set(kind, whole);
            }
        }
        Tensor[] leaves = new Tensor[KINDS];
        for (int k = 0; k < KINDS; k++) {
            int total = parts.get(k).stream().mapToInt(a -> a.length).sum();
            float[] data = new float[total];
            int at = 0;
            for (float[] a : parts.get(k)) {
                System.arraycopy(a, 0, data, at, a.length);
                at += a.length;
            }
            leaves[k] = Tensor.of(data, shapes.get(k)).requiresGrad(true);
        }
        return new DualEncoder.Embeddings(leaves[0], leaves[1], leaves[2], leaves[3]);
    }
}
