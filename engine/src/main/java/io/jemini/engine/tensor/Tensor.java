package io.jemini.engine.tensor;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.autograd.Graph;
import io.jemini.engine.autograd.Node;
import io.jemini.engine.launch.BinaryLaunch;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.UnaryLaunch;
import io.jemini.engine.ops.Activations;
import io.jemini.engine.ops.Arithmetic;
import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.ops.Reductions;
import io.jemini.engine.ops.Shapes;
import io.jemini.engine.ops.Softmaxes;
import io.jemini.engine.random.Rng;
import java.util.Arrays;

/**
 * A float32 tensor of any rank, row-major and contiguous, that records the ops applied to it when
 * it requires a gradient (define-by-run reverse mode). Reshapes share storage and its version
 * counter; every op returns a new tensor.
 */
public final class Tensor {
    private final float[] data;
    private final Shape shape;
    private final int[] version;
    private boolean requiresGrad;
    private float[] grad;
    private Node node;

    private Tensor(float[] data, Shape shape, int[] version) {
        if (data.length != shape.numel()) {
            throw new ShapeException("tensor: " + data.length + " values do not fill shape " + shape
                    + " (expected " + shape.numel() + ")");
        }
        this.data = data;
        this.shape = shape;
        this.version = version;
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor of(float[] data, int... dims) {
        return new Tensor(data, Shape.of(dims), new int[1]);
    }

    public static Tensor of(float[] data, Shape shape) {
        return new Tensor(data, shape, new int[1]);
    }

    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, Shape.scalar(), new int[1]);
    }

    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(new float[shape.numel()], shape, new int[1]);
    }

    public static Tensor full(float value, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    public static Tensor ones(int... dims) {
        return full(1.0f, dims);
    }

    /** Normal values with mean 0 and standard deviation {@code std}, drawn from {@code rng}. */
    public static Tensor randn(Rng rng, float std, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (rng.nextGaussian() * std);
        }
        return t;
    }

    /** Uniform values in {@code [lo, hi)} drawn from {@code rng}. */
    public static Tensor uniform(Rng rng, float lo, float hi, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return t;
    }

    /** A tensor of the given shape sharing this one's storage and version counter (no graph). */
    public Tensor view(Shape newShape) {
        return new Tensor(data, newShape, version);
    }

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.dims();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    /**
     * The values on the host, for host code that reads or writes them (writing must be followed by
     * {@link #markModified()}). On a device run this brings the values back from the device and
     * leaves the device copy to be refreshed at its next launch; host code that only reads should
     * call {@link #read()}.
     */
    public float[] data() {
        return Host.write(data);
    }

    /** The values on the host for reading only: on a device run the device copy stays current. */
    public float[] read() {
        return Host.read(data);
    }

    /**
     * The storage array as kernel launches take it: its identity, not its values. On a device run
     * the values may be on the device only; host code must use {@link #data()} or {@link #read()}.
     */
    public float[] buffer() {
        return data;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new ShapeException("item: tensor of shape " + shape + " has " + data.length
                    + " elements; expected exactly 1");
        }
        return read()[0];
    }

    public float get(int... index) {
        if (index.length != shape.rank()) {
            throw new ShapeException("get: " + index.length + " indices for shape " + shape);
        }
        int[] strides = shape.strides();
        int p = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " outside " + shape);
            }
            p += index[i] * strides[i];
        }
        return read()[p];
    }

    public float[] toArray() {
        return read().clone();
    }

    // ---- autograd state -------------------------------------------------------------------

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as requiring a gradient; returns this tensor. */
    public Tensor requiresGrad(boolean value) {
        if (node != null && !value) {
            throw new IllegalStateException("requiresGrad(false) on a tensor produced by " + node.op()
                    + "; use detach() instead");
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient as a tensor sharing its storage, or null if none was computed. */
    public Tensor grad() {
        return grad == null ? null : new Tensor(grad, shape, new int[1]);
    }

    /** The gradient storage, or null. */
    public float[] gradData() {
        return grad;
    }

    /**
     * The gradient storage, allocated as zeros on first use; backward passes add into it. The
     * graph allocates it before a backward closure runs its parallel kernels.
     */
    public float[] gradBuffer() {
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    public void accumulateGrad(float[] g) {
        float[] buf = gradBuffer();
        BinaryLaunch.axpy(buf.length, 1, 1.0f, g, buf);
    }

    public void zeroGrad() {
        if (grad != null) {
            UnaryLaunch.fill(grad.length, 1, grad, 0.0f);
        }
    }

    /** Frees the gradient storage. */
    public void clearGrad() {
        grad = null;
    }

    /** The op that produced this tensor, or null for a leaf or a tensor outside the graph. */
    public Node node() {
        return node;
    }

    /** Called by {@link Graph#record}: makes this tensor the output of {@code n}. */
    public void attach(Node n) {
        this.node = n;
        this.requiresGrad = true;
    }

    /** Called by {@link Graph#backward}: drops the reference to the producing op. */
    public void detachNode() {
        this.node = null;
    }

    /** A tensor sharing this one's values but outside the graph. */
    public Tensor detach() {
        return new Tensor(data, shape, version);
    }

    public Tensor copy() {
        return new Tensor(read().clone(), shape, new int[1]);
    }

    /** Reverse-mode differentiation from this scalar (the gradient of the value itself is 1). */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward: called without a gradient on a tensor of shape " + shape
                    + "; expected a scalar (one element), or pass the upstream gradient with backward(grad)");
        }
        backward(new float[] {1.0f});
    }

    /** Reverse-mode differentiation with the given upstream gradient (same number of elements). */
    public void backward(float[] upstream) {
        if (upstream.length != data.length) {
            throw new ShapeException("backward: upstream gradient has " + upstream.length
                    + " elements but the tensor has shape " + shape);
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: the tensor of shape " + shape
                    + " does not require a gradient (no input of the computation requires one)");
        }
        Graph.backward(this, upstream);
    }

    // ---- in-place updates ------------------------------------------------------------------

    /** The number of in-place changes made to this storage; backward checks it. */
    public int version() {
        return version[0];
    }

    /** Records that the storage was written in place. */
    public void markModified() {
        if (requiresGrad && node == null && GradMode.isEnabled()) {
            throw new IllegalStateException("in-place change of a leaf tensor of shape " + shape
                    + " that requires a gradient; do it inside GradMode.disabled()");
        }
        version[0]++;
    }

    /** Copies {@code src}'s values into this tensor. */
    public Tensor copy_(Tensor src) {
        if (!src.shape.equals(shape)) {
            throw new ShapeException("copy_: source shape " + src.shape + " differs from " + shape);
        }
        markModified();
        System.arraycopy(src.read(), 0, data(), 0, data.length);
        return this;
    }

    public Tensor fill_(float value) {
        markModified();
        UnaryLaunch.fill(data.length, 1, data, value);
        return this;
    }

    // ---- fluent ops ------------------------------------------------------------------------

    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    public Tensor add(float c) {
        return Arithmetic.affine(this, 1.0f, c);
    }

    public Tensor mul(float c) {
        return Arithmetic.affine(this, c, 0.0f);
    }

    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    public Tensor exp() {
        return Arithmetic.exp(this);
    }

    public Tensor log() {
        return Arithmetic.log(this);
    }

    public Tensor sqrt() {
        return Arithmetic.sqrt(this);
    }

    public Tensor pow(float p) {
        return Arithmetic.pow(this, p);
    }

    public Tensor abs() {
        return Arithmetic.abs(this);
    }

    public Tensor tanh() {
        return Activations.tanh(this);
    }

    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    public Tensor relu() {
        return Activations.relu(this);
    }

    public Tensor gelu() {
        return Activations.gelu(this);
    }

    public Tensor silu() {
        return Activations.silu(this);
    }

    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    public Tensor mean() {
        return Reductions.meanAll(this);
    }

    public Tensor sum(int axis, boolean keepDim) {
        return Reductions.sum(this, axis, keepDim);
    }

    public Tensor mean(int axis, boolean keepDim) {
        return Reductions.mean(this, axis, keepDim);
    }

    public Tensor max(int axis, boolean keepDim) {
        return Reductions.max(this, axis, keepDim);
    }

    public Tensor min(int axis, boolean keepDim) {
        return Reductions.min(this, axis, keepDim);
    }

    public Tensor reshape(int... dims) {
        return Shapes.reshape(this, dims);
    }

    public Tensor permute(int... axes) {
        return Shapes.permute(this, axes);
    }

    public Tensor transpose(int a, int b) {
        return Shapes.transpose(this, a, b);
    }

    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other, false, false);
    }

    public Tensor softmax(int axis) {
        return Softmaxes.softmax(this, axis);
    }

    public Tensor logSoftmax(int axis) {
        return Softmaxes.logSoftmax(this, axis);
    }

    @Override
    public String toString() {
        int show = Math.min(data.length, 8);
        float[] data = read();
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(" [");
        for (int i = 0; i < show; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > show ? ", ...]" : "]").toString();
    }
}
