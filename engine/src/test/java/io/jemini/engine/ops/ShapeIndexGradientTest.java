package io.jemini.engine.ops;

import static io.jemini.engine.testing.GradCheck.randn;

import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.engine.testing.DArray;
import io.jemini.engine.testing.GradCheck;
import io.jemini.engine.testing.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeIndexGradientTest {
    private final Rng rng = new Rng(42);

    @Test
    void reshape() {
        DArray x = randn(rng, 2, 6);
        GradCheck.of("reshape", x).run(t -> t[0].reshape(3, -1, 2).mul(t[0].reshape(3, 2, 2)),
                d -> {
                    DArray r = d[0].reshape(3, 2, 2);
                    return Reference.binary(r, r, (a, b) -> a * b);
                });
    }

    @Test
    void permuteAndTranspose() {
        DArray x = randn(rng, 2, 3, 4);
        GradCheck.of("permute", x).run(t -> t[0].permute(2, 0, 1), d -> Reference.permute(d[0], 2, 0, 1));
        GradCheck.of("transpose", x).run(t -> t[0].transpose(-1, 0), d -> Reference.permute(d[0], 2, 1, 0));
        DArray four = randn(rng, 2, 1, 3, 2);
        GradCheck.of("permute 4-d", four).run(t -> t[0].permute(0, 2, 1, 3), d -> Reference.permute(d[0], 0, 2, 1, 3));
    }

    @Test
    void concatSliceSplit() {
        DArray a = randn(rng, 2, 3, 2);
        DArray b = randn(rng, 2, 1, 2);
        DArray c = randn(rng, 2, 4, 2);
        GradCheck.of("concat", a, b, c).run(t -> Shapes.concat(List.of(t[0], t[1], t[2]), 1),
                d -> Reference.concat(List.of(d[0], d[1], d[2]), 1));
        GradCheck.of("concat axis 0", a, a).run(t -> Shapes.concat(List.of(t[0], t[1]), 0),
                d -> Reference.concat(List.of(d[0], d[1]), 0));
        GradCheck.of("slice", c).run(t -> Shapes.slice(t[0], 1, 1, 3), d -> Reference.slice(d[0], 1, 1, 3));
        GradCheck.of("split", c).run(t -> {
            List<Tensor> parts = Shapes.split(t[0], -1, 1, 1);
            return parts.get(0).mul(parts.get(1));
        }, d -> Reference.binary(Reference.slice(d[0], 2, 0, 1), Reference.slice(d[0], 2, 1, 2), (x, y) -> x * y));
    }

    @Test
    void indexSelectAndEmbedding() {
        DArray x = randn(rng, 5, 3);
        int[] idx = {4, 0, 4, 2};
        GradCheck.of("index_select rows", x).run(t -> Indexing.indexSelect(t[0], 0, idx),
                d -> Reference.indexSelect(d[0], 0, idx));
        GradCheck.of("index_select cols", x).run(t -> Indexing.indexSelect(t[0], 1, new int[] {2, 2, 0}),
                d -> Reference.indexSelect(d[0], 1, new int[] {2, 2, 0}));
        int[] ids = {1, 3, 1, 0, 4, 1};
        GradCheck.of("embedding", x).run(t -> Indexing.embedding(t[0], Indices.of(ids, 2, 3)),
                d -> Reference.indexSelect(d[0], 0, ids).reshape(2, 3, 3));
    }

    @Test
    void gatherAndScatterAdd() {
        DArray x = randn(rng, 3, 4);
        int[] index = {0, 3, 3, 1, 2, 2, 0, 0, 1};
        int[] shape = {3, 3};
        GradCheck.of("gather", x).run(t -> Indexing.gather(t[0], 1, Indices.of(index, shape)),
                d -> Reference.gather(d[0], 1, index, shape));
        DArray src = randn(rng, 3, 3);
        GradCheck.of("scatter_add", x, src).run(t -> Indexing.scatterAdd(t[0], 1, Indices.of(index, shape), t[1]),
                d -> Reference.scatterAdd(d[0], 1, index, d[1]));
        int[] rows = {2, 0, 2, 1, 1, 1};
        GradCheck.of("scatter_add axis 0", x, randn(rng, 2, 3)).run(
                t -> Indexing.scatterAdd(Indexing.indexSelect(t[0], 1, new int[] {0, 1, 2}), 0, Indices.of(rows, 2, 3), t[1]),
                d -> Reference.scatterAdd(Reference.indexSelect(d[0], 1, new int[] {0, 1, 2}), 0, rows, d[1]));
    }

    @Test
    void maskedFillAndWhere() {
        DArray x = randn(rng, 2, 3, 4);
        DArray mask = new DArray(new double[] {1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0}, new int[] {3, 4});
        GradCheck.of("masked_fill", x, mask).constant(1).run(t -> Indexing.maskedFill(t[0], t[1], -7f),
                d -> Reference.maskedFill(d[0], d[1], -7));
        DArray cond = new DArray(new double[] {1, 0, 1, 1, 0, 0}, new int[] {2, 3});
        DArray a = randn(rng, 2, 3);
        DArray b = randn(rng, 2, 3);
        GradCheck.of("where", cond, a, b).constant(0).run(t -> Indexing.where(t[0], t[1], t[2]),
                d -> where(d[0], d[1], d[2]));
    }

    private static DArray where(DArray c, DArray a, DArray b) {
        double[] out = new double[a.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.v()[i] != 0 ? a.v()[i] : b.v()[i];
        }
        return new DArray(out, a.shape());
    }
}
