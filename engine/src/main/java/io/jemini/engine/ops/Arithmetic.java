package io.jemini.engine.ops;

import io.jemini.engine.autograd.Graph;
import io.jemini.engine.launch.BinaryLaunch;
import io.jemini.engine.launch.UnaryLaunch;
import io.jemini.engine.tensor.Shape;
import io.jemini.engine.tensor.Tensor;
import io.jemini.kernels.BinaryKernels;

/** Broadcasting add/sub/mul/div, scalar affine maps, and the element-wise math functions. */
public final class Arithmetic {
    private Arithmetic() {
    }

    public static Tensor add(Tensor a, Tensor b) {
        return binary("add", BinaryKernels.ADD, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", BinaryKernels.SUB, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", BinaryKernels.MUL, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary("div", BinaryKernels.DIV, a, b);
    }

    private static Tensor binary(String name, int op, Tensor a, Tensor b) {
        Shape out = a.shape().equals(b.shape()) ? a.shape() : Shape.broadcast(name, a.shape(), b.shape());
        Tensor y = Tensor.zeros(out);
        apply(op, a.buffer(), a.shape(), b.buffer(), b.shape(), y.buffer(), out);
        return Graph.record(name, y, new Tensor[] {a, b}, g -> {
            if (a.requiresGrad()) {
                float[] ga = op == BinaryKernels.ADD || op == BinaryKernels.SUB ? g
                        : broadcastOp(op, g, out, b.buffer(), b.shape());
                Reductions.accumulateSumTo(ga, out, a, 1.0f);
            }
            if (b.requiresGrad()) {
                if (op == BinaryKernels.ADD || op == BinaryKernels.SUB) {
                    Reductions.accumulateSumTo(g, out, b, op == BinaryKernels.ADD ? 1.0f : -1.0f);
                } else if (op == BinaryKernels.MUL) {
                    Reductions.accumulateSumTo(broadcastOp(BinaryKernels.MUL, g, out, a.buffer(), a.shape()), out, b,
                            1.0f);
                } else {
                    float[] gy = broadcastOp(BinaryKernels.MUL, g, out, y.buffer(), out);
                    Reductions.accumulateSumTo(broadcastOp(BinaryKernels.DIV, gy, out, b.buffer(), b.shape()), out,
                            b, -1.0f);
                }
            }
        }, op == BinaryKernels.DIV ? new Tensor[] {b, y}
                : op == BinaryKernels.MUL ? new Tensor[] {a, b} : new Tensor[0]);
    }

    /** {@code x (shape out) op other (broadcast to out)} into a new array. */
    private static float[] broadcastOp(int op, float[] x, Shape out, float[] other, Shape otherShape) {
        float[] r = new float[out.numel()];
        apply(op, x, out, other, otherShape, r, out);
        return r;
    }

    static void apply(int op, float[] a, Shape as, float[] b, Shape bs, float[] y, Shape out) {
        if (as.equals(out) && bs.equals(out)) {
            BinaryLaunch.apply(out.numel(), 1, op, a, b, y);
            return;
        }
        int rank = out.rank();
        int[] dims = out.dims();
        int[] sa = as.broadcastStrides(out);
        int[] sb = bs.broadcastStrides(out);
        int cols = dims[rank - 1];
        int rows = cols == 0 ? 0 : out.numel() / cols;
        BinaryLaunch.applyBroadcast(rows, cols, op, a, b, y, dims, sa, sb, rank);
    }

    /** {@code x * scale + shift}. */
    public static Tensor affine(Tensor x, float scale, float shift) {
        Tensor y = Tensor.zeros(x.shape());
        BinaryLaunch.affine(x.numel(), 1, x.buffer(), scale, shift, y.buffer());
        return Graph.record("affine", y, new Tensor[] {x}, g ->
                BinaryLaunch.axpy(g.length, 1, scale, g, x.gradBuffer()));
    }

    public static Tensor neg(Tensor x) {
        Tensor y = Tensor.zeros(x.shape());
        UnaryLaunch.neg(x.numel(), 1, x.buffer(), y.buffer());
        return Graph.record("neg", y, new Tensor[] {x}, g ->
                UnaryLaunch.negBackward(g.length, 1, g, x.gradBuffer()));
    }

    public static Tensor exp(Tensor x) {
        return Pointwise.map("exp", x, UnaryLaunch::exp, UnaryLaunch::expBackward, true);
    }

    public static Tensor log(Tensor x) {
        return Pointwise.map("log", x, UnaryLaunch::log, UnaryLaunch::logBackward, false);
    }

    public static Tensor sqrt(Tensor x) {
        return Pointwise.map("sqrt", x, UnaryLaunch::sqrt, UnaryLaunch::sqrtBackward, true);
    }

    public static Tensor abs(Tensor x) {
        return Pointwise.map("abs", x, UnaryLaunch::abs, UnaryLaunch::absBackward, false);
    }

    public static Tensor pow(Tensor x, float p) {
        return Pointwise.map("pow", x, (count, cost, in, out) -> UnaryLaunch.pow(count, cost, in, p, out),
                (count, cost, in, dy, dx) -> UnaryLaunch.powBackward(count, cost, in, p, dy, dx), false);
    }
}
