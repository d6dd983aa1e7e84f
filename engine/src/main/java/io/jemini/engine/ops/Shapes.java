package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.BinaryLaunch;
import io.jemini.engine.launch.IndexLaunch;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** Reshape, permute/transpose, concat, slice and split. */
public final class Shapes {
    private Shapes() {
    }

    /** Same values in a new shape (storage shared); one dimension may be -1 (inferred). */
    public static Tensor reshape(Tensor x, int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1 && infer < 0) {
                infer = i;
            } else if (d[i] < 0) {
                throw new ShapeException("reshape: invalid target " + Arrays.toString(dims)
                        + " (sizes must be >= 0, with at most one -1)");
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new ShapeException("reshape: cannot infer -1 in " + Arrays.toString(dims) + " for shape " + x.shape());
            }
            d[infer] = (int) (x.numel() / known);
            known *= d[infer];
        }
        if (known != x.numel()) {
            throw new ShapeException("reshape: shape " + x.shape() + " (" + x.numel() + " elements) cannot become "
                    + Arrays.toString(dims) + " (" + known + " elements)");
        }
        Tensor y = x.view(Shape.of(d));
        return Graph.record("reshape", y, new Tensor[] {x}, g -> {
            float[] dx = x.gradBuffer();
            BinaryLaunch.axpy(dx.length, 1, 1.0f, g, dx);
        });
    }

    /** Reorders dimensions: output dimension i is input dimension {@code axes[i]} (copies). */
    public static Tensor permute(Tensor x, int... axes) {
        Shape s = x.shape();
        int rank = s.rank();
        if (axes.length != rank) {
            throw new ShapeException("permute: " + Arrays.toString(axes) + " has " + axes.length
                    + " axes; shape " + s + " has " + rank);
        }
        int[] perm = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = s.normalizeAxis(axes[i]);
            if (seen[perm[i]]) {
                throw new ShapeException("permute: " + Arrays.toString(axes) + " is not a permutation of " + rank + " axes");
            }
            seen[perm[i]] = true;
        }
        int[] inStrides = s.strides();
        int[] outDims = new int[rank];
        int[] gather = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = s.dim(perm[i]);
            gather[i] = inStrides[perm[i]];
        }
        Tensor y = Tensor.zeros(outDims);
        if (rank == 0) {
            y.data()[0] = x.data()[0];
        } else {
            int cols = outDims[rank - 1];
            int rows = cols == 0 ? 0 : y.numel() / cols;
            IndexLaunch.permute(rows, cols, x.buffer(), y.buffer(), outDims, gather, rank, 0);
        }
        int[] outStrides = y.shape().strides();
        int[] inDims = s.dims();
        int[] scatter = new int[rank];
        for (int i = 0; i < rank; i++) {
            scatter[perm[i]] = outStrides[i];
        }
        return Graph.record("permute", y, new Tensor[] {x}, g -> {
            if (rank == 0) {
                BinaryLaunch.axpy(1, 1, 1.0f, g, x.gradBuffer());
            } else {
                int cols = inDims[rank - 1];
                int rows = cols == 0 ? 0 : g.length / cols;
                IndexLaunch.permute(rows, cols, g, x.gradBuffer(), inDims, scatter, rank, 1);
            }
        });
    }

    public static Tensor transpose(Tensor x, int a, int b) {
        int[] axes = new int[x.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        int na = x.shape().normalizeAxis(a);
        int nb = x.shape().normalizeAxis(b);
        axes[na] = nb;
        axes[nb] = na;
        return permute(x, axes);
    }

    /** Joins tensors along {@code axis}; all other dimensions must match. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        Shape first = parts.get(0).shape();
        int a = first.normalizeAxis(axis);
        int sum = 0;
        for (Tensor t : parts) {
            if (t.rank() != first.rank() || !t.shape().with(a, 1).equals(first.with(a, 1))) {
                throw new ShapeException("concat: shape " + t.shape() + " does not match " + first
                        + " outside axis " + a);
            }
            sum += t.dim(a);
        }
        int total = sum;
        Shape outShape = first.with(a, total);
        Tensor y = Tensor.zeros(outShape);
        int outer = first.outer(a);
        int inner = first.inner(a);
        int[] starts = new int[parts.size()];
        int start = 0;
        for (int i = 0; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            int len = t.dim(a);
            int s0 = start;
            starts[i] = s0;
            IndexLaunch.copyAxisBlock(outer * len * inner, 1, t.buffer(), len, 0, y.buffer(), total, s0, len, inner, 0);
            start += len;
        }
        Tensor[] inputs = parts.toArray(new Tensor[0]);
        return Graph.record("concat", y, inputs, g -> {
            for (int i = 0; i < inputs.length; i++) {
                Tensor t = inputs[i];
                if (t.requiresGrad()) {
                    int len = t.dim(a);
                    int s0 = starts[i];
                    IndexLaunch.copyAxisBlock(outer * len * inner, 1, g, total, s0, t.gradBuffer(), len, 0, len, inner, 1);
                }
            }
        });
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        int r = s.dim(a);
        if (start < 0 || end > r || start > end) {
            throw new ShapeException("slice: range [" + start + ", " + end + ") is outside axis " + a
                    + " of shape " + s + " (allowed 0 <= start <= end <= " + r + ")");
        }
        int len = end - start;
        int outer = s.outer(a);
        int inner = s.inner(a);
        Tensor y = Tensor.zeros(s.with(a, len));
        IndexLaunch.copyAxisBlock(y.numel(), 1, x.buffer(), r, start, y.buffer(), len, 0, len, inner, 0);
        return Graph.record("slice", y, new Tensor[] {x}, g -> IndexLaunch.copyAxisBlock(outer * len * inner, 1, g,
                len, 0, x.gradBuffer(), r, start, len, inner, 1));
    }

    /** Splits along {@code axis} into consecutive pieces of the given sizes. */
    public static List<Tensor> split(Tensor x, int axis, int... sizes) {
        int a = x.shape().normalizeAxis(axis);
        int sum = 0;
        for (int size : sizes) {
            sum += size;
        }
        if (sum != x.dim(a)) {
            throw new ShapeException("split: sizes " + Arrays.toString(sizes) + " add up to " + sum
                    + " but axis " + a + " of shape " + x.shape() + " has " + x.dim(a));
        }
        Tensor[] out = new Tensor[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = slice(x, a, start, start + sizes[i]);
            start += sizes[i];
        }
        return List.of(out);
    }
}
