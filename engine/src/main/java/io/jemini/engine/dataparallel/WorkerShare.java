package io.jemini.engine.dataparallel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What one worker contributes to a step: the gradient sums of its tree nodes, which parameters
 * received a gradient at all, and each of its micro-batches' scalars (loss, loss parts,
 * statistics), in the byte form the workers exchange.
 *
 * @param firstPart the micro-batch of {@code scalars[0]}
 */
record WorkerShare(List<ReductionTree.Node> nodes, List<float[]> sums, boolean[] present, int firstPart,
                   double[][] scalars) {
    byte[] encode() {
        int gradient = sums.isEmpty() ? 0 : sums.get(0).length;
        int width = scalars.length == 0 ? 0 : scalars[0].length;
        ByteBuffer b = ByteBuffer.allocate(4 + nodes.size() * 8 + 4 + sums.size() * 4 * gradient + 4 + present.length + 12
                + scalars.length * width * 8);
        b.putInt(nodes.size());
        for (ReductionTree.Node n : nodes) {
            b.putInt(n.lo()).putInt(n.hi());
        }
        b.putInt(gradient);
        for (float[] s : sums) {
            b.asFloatBuffer().put(s);
            b.position(b.position() + 4 * gradient);
        }
        b.putInt(present.length);
        for (boolean p : present) {
            b.put((byte) (p ? 1 : 0));
        }
        b.putInt(firstPart).putInt(scalars.length).putInt(width);
        for (double[] row : scalars) {
            b.asDoubleBuffer().put(row);
            b.position(b.position() + 8 * width);
        }
        return b.array();
    }

    static WorkerShare decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int count = b.getInt();
        List<ReductionTree.Node> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(new ReductionTree.Node(b.getInt(), b.getInt()));
        }
        int gradient = b.getInt();
        List<float[]> sums = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] s = new float[gradient];
            b.asFloatBuffer().get(s);
            b.position(b.position() + 4 * gradient);
            sums.add(s);
        }
        boolean[] present = new boolean[b.getInt()];
        for (int i = 0; i < present.length; i++) {
            present[i] = b.get() != 0;
        }
        int firstPart = b.getInt();
        double[][] scalars = new double[b.getInt()][b.getInt()];
        for (double[] row : scalars) {
            b.asDoubleBuffer().get(row);
            b.position(b.position() + 8 * row.length);
        }
        return new WorkerShare(nodes, sums, present, firstPart, scalars);
    }
}
