package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.BinaryLaunch;
import io.jemini.engine.launch.IndexLaunch;
import io.jemini.engine.launch.Parallel;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.jvm.IndexRows;

/** index_select, embedding lookup, gather, scatter-add, masked fill and where. */
public final class Indexing {
    private Indexing() {
    }

    /** Picks entries {@code index} (1-D) along {@code axis}. */
    public static Tensor indexSelect(Tensor x, int axis, int[] index) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        Indices.vector(index).checkRange("index_select", r);
        int n = index.length;
        int inner = s.inner(a);
        int outer = s.outer(a);
        Tensor y = Tensor.zeros(s.with(a, n));
        float[] xs = x.buffer();
        float[] ys = y.buffer();
        Parallel.jvmOrDevice(y.numel(), 1, (lo, hi) -> IndexRows.select(xs, index, ys, r, n, inner, lo, hi),
                () -> IndexLaunch.indexSelect(ys.length, 1, xs, index, ys, r, n, inner));
        return Graph.record("index_select", y, new Tensor[] {x}, g -> {
            float[] dx = x.gradBuffer();
            Parallel.jvmOrDevice(outer * inner, n, (lo, hi) -> IndexRows.selectBackward(g, index, dx, r, n, inner, lo, hi),
                    () -> IndexLaunch.indexSelectBackward(outer * inner, n, g, index, dx, r, n, inner));
        });
    }

    /** Rows of {@code weight [vocab, dim]} for each id: shape {@code ids.shape + [dim]}. */
    public static Tensor embedding(Tensor weight, Indices ids) {
        if (weight.rank() != 2) {
            throw new ShapeException("embedding: weight must be [vocab, dim], got " + weight.shape());
        }
        ids.checkRange("embedding", weight.dim(0));
        int[] outDims = new int[ids.shape().rank() + 1];
        System.arraycopy(ids.shape().dims(), 0, outDims, 0, outDims.length - 1);
        outDims[outDims.length - 1] = weight.dim(1);
        return Shapes.reshape(indexSelect(weight, 0, ids.values()), outDims);
    }

    /** {@code out[..., j, ...] = x[..., index[..., j, ...], ...]} along {@code axis} (torch.gather). */
    public static Tensor gather(Tensor x, int axis, Indices index) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        checkIndexShape("gather", s, a, index.shape());
        int r = s.dim(a);
        index.checkRange("gather", r);
        int n = index.shape().dim(a);
        int inner = s.inner(a);
        int outer = s.outer(a);
        int[] idx = index.values();
        Tensor y = Tensor.zeros(index.shape());
        IndexLaunch.gather(y.numel(), 1, x.buffer(), idx, y.buffer(), r, n, inner);
        return Graph.record("gather", y, new Tensor[] {x}, g -> IndexLaunch.scatterAdd(outer * inner, n, g, idx,
                x.gradBuffer(), r, n, inner));
    }

    /** {@code x} with {@code src[..., j, ...]} added at {@code index[..., j, ...]} along {@code axis}. */
    public static Tensor scatterAdd(Tensor x, int axis, Indices index, Tensor src) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        checkIndexShape("scatter_add", s, a, index.shape());
        if (!src.shape().equals(index.shape())) {
            throw new ShapeException("scatter_add: src shape " + src.shape() + " must equal index shape " + index.shape());
        }
        int r = s.dim(a);
        index.checkRange("scatter_add", r);
        int n = index.shape().dim(a);
        int inner = s.inner(a);
        int outer = s.outer(a);
        int[] idx = index.values();
        Tensor y = x.copy();
        IndexLaunch.scatterAdd(outer * inner, n, src.buffer(), idx, y.buffer(), r, n, inner);
        return Graph.record("scatter_add", y, new Tensor[] {x, src}, g -> {
            if (x.requiresGrad()) {
                BinaryLaunch.axpy(g.length, 1, 1.0f, g, x.gradBuffer());
            }
            if (src.requiresGrad()) {
                float[] picked = new float[src.numel()];
                IndexLaunch.gather(picked.length, 1, g, idx, picked, r, n, inner);
                BinaryLaunch.axpy(picked.length, 1, 1.0f, picked, src.gradBuffer());
            }
        });
    }

    private static void checkIndexShape(String op, Shape s, int axis, Shape index) {
        if (index.rank() != s.rank() || !index.with(axis, 1).equals(s.with(axis, 1))) {
            throw new ShapeException(op + ": index shape " + index + " must match input shape " + s
                    + " in every dimension except " + axis);
        }
    }

    /** {@code x} with {@code value} wherever the mask (broadcast to x's shape) is non-zero. */
    public static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        Shape s = x.shape();
        Shape b = Shape.broadcast("masked_fill", s, mask.shape());
        if (!b.equals(s)) {
            throw new ShapeException("masked_fill: mask shape " + mask.shape() + " must broadcast to input shape " + s);
        }
        Tensor y = Tensor.zeros(s);
        if (s.rank() == 0) {
            y.data()[0] = mask.read()[0] != 0.0f ? value : x.read()[0];
            return Graph.record("masked_fill", y, new Tensor[] {x}, g -> {
                if (mask.read()[0] == 0.0f) {
                    BinaryLaunch.axpy(1, 1, 1.0f, g, x.gradBuffer());
                }
            });
        }
        int rank = s.rank();
        int[] dims = s.dims();
        int[] ms = mask.shape().broadcastStrides(s);
        int cols = dims[rank - 1];
        int rows = cols == 0 ? 0 : s.numel() / cols;
        BinaryLaunch.maskedFill(rows, cols, x.buffer(), mask.buffer(), value, y.buffer(), dims, ms, rank);
        return Graph.record("masked_fill", y, new Tensor[] {x}, g -> {
            float[] kept = new float[g.length];
            BinaryLaunch.maskedFill(rows, cols, g, mask.buffer(), 0.0f, kept, dims, ms, rank);
            BinaryLaunch.axpy(kept.length, 1, 1.0f, kept, x.gradBuffer());
        });
    }

    /** {@code cond != 0 ? a : b} element-wise; all three must have the same shape. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (!cond.shape().equals(a.shape()) || !a.shape().equals(b.shape())) {
            throw new ShapeException("where: condition " + cond.shape() + ", a " + a.shape() + " and b " + b.shape()
                    + " must have the same shape");
        }
        Tensor y = Tensor.zeros(a.shape());
        BinaryLaunch.select(y.numel(), 1, cond.buffer(), a.buffer(), b.buffer(), y.buffer());
        return Graph.record("where", y, new Tensor[] {a, b}, g -> {
            int withA = a.requiresGrad() ? 1 : 0;
            int withB = b.requiresGrad() ? 1 : 0;
            float[] ga = withA != 0 ? a.gradBuffer() : null;
            float[] gb = withB != 0 ? b.gradBuffer() : null;
            BinaryLaunch.selectBackward(g.length, 1, cond.buffer(), g, ga, gb, withA, withB);
        });
    }
}
