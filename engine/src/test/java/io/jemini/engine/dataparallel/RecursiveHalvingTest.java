package io.jemini.engine.dataparallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jemini.engine.random.Rng;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecursiveHalvingTest {
    /** Every worker ends with the tree's sum of everyone's vector, and sends about 2(N − 1)/N of it. */
    @ParameterizedTest(name = "{0} workers, {1} floats")
    @CsvSource({"2, 257", "4, 257", "8, 1000", "4, 3", "8, 5", "2, 1"})
    void allReduceIsTheTreeSum(int workers, int length) throws Exception {
        Rng rng = new Rng(workers * 1000L + length);
        float[][] vectors = new float[workers][length];
        Map<ReductionTree.Node, float[]> leaves = new HashMap<>();
        for (int w = 0; w < workers; w++) {
            for (int i = 0; i < length; i++) {
                vectors[w][i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(8)));
            }
            leaves.put(new ReductionTree.Node(w, w + 1), vectors[w]);
        }
        float[] expected = ReductionTree.sum(new ReductionTree.Node(0, workers), leaves);
        List<long[]> sent = ThreadCollective.run(workers, (rank, c) -> {
            long[] bytes = new long[1];
            float[] out = RecursiveHalving.allReduce(c, vectors[rank].clone(), bytes);
            assertArrayEquals(expected, out, "worker " + rank);
            return bytes;
        });
        long floats = 0;
        for (int hi = length, d = workers; d > 1; d /= 2) {
            floats += hi;
            hi /= 2;
        }
        assertEquals(4 * floats, sent.get(0)[0], "worker 0 sends the half it gives away and the half it keeps, at each level");
    }
}
