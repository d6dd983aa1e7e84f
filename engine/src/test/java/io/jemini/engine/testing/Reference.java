package io.jemini.engine.testing;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Plain double-precision implementations of every op, written independently of the engine's
 * kernels: loops over coordinates, no blocking, no shared code with the fast paths. Gradient
 * checks difference these; forward checks compare against them.
 */
public final class Reference {
    private Reference() {
    }

    public static DArray map(DArray x, DoubleUnaryOperator f) {
        double[] out = new double[x.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x.v()[i]);
        }
        return new DArray(out, x.shape());
    }

    public static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** Reads {@code x} at output coordinates {@code c} under right-aligned broadcasting. */
    public static double at(DArray x, int[] c) {
        int shift = c.length - x.rank();
        int p = 0;
        for (int d = 0; d < x.rank(); d++) {
            int coord = x.shape()[d] == 1 ? 0 : c[d + shift];
            p = p * x.shape()[d] + coord;
        }
        return x.v()[p];
    }

    public static DArray binary(DArray a, DArray b, DoubleBinaryOperator f) {
        int[] shape = broadcastShape(a.shape(), b.shape());
        double[] out = new double[DArray.numel(shape)];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, shape);
            out[p] = f.applyAsDouble(at(a, c), at(b, c));
        }
        return new DArray(out, shape);
    }

    /** A reduction of one axis: {@code kind} is sum, mean, max or min. */
    public static DArray reduce(DArray x, int axis, boolean keep, String kind) {
        int a = axis < 0 ? axis + x.rank() : axis;
        int[] outShape = x.shape().clone();
        outShape[a] = 1;
        double[] out = new double[DArray.numel(outShape)];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, outShape);
            double acc = kind.equals("max") ? Double.NEGATIVE_INFINITY : kind.equals("min") ? Double.POSITIVE_INFINITY : 0;
            for (int r = 0; r < x.shape()[a]; r++) {
                c[a] = r;
                double v = x.v()[DArray.flat(c, x.shape())];
                acc = switch (kind) {
                    case "max" -> Math.max(acc, v);
                    case "min" -> Math.min(acc, v);
                    default -> acc + v;
                };
            }
            out[p] = kind.equals("mean") ? acc / x.shape()[a] : acc;
        }
        return keep ? new DArray(out, outShape) : new DArray(out, drop(outShape, a));
    }

    static int[] drop(int[] shape, int axis) {
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    public static double total(DArray x) {
        double s = 0;
        for (double v : x.v()) {
            s += v;
        }
        return s;
    }

    /** {@code kind}: softmax, log_softmax or logsumexp (the last keeps the axis as size 1). */
    public static DArray softmaxLike(DArray x, int axis, String kind) {
        int a = axis < 0 ? axis + x.rank() : axis;
        int r = x.shape()[a];
        int[] lineShape = x.shape().clone();
        lineShape[a] = 1;
        double[] out = new double[kind.equals("logsumexp") ? DArray.numel(lineShape) : x.v().length];
        for (int p = 0; p < DArray.numel(lineShape); p++) {
            int[] c = DArray.coords(p, lineShape);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < r; k++) {
                c[a] = k;
                max = Math.max(max, x.v()[DArray.flat(c, x.shape())]);
            }
            double sum = 0;
            for (int k = 0; k < r; k++) {
                c[a] = k;
                sum += Math.exp(x.v()[DArray.flat(c, x.shape())] - max);
            }
            double lse = max + Math.log(sum);
            if (kind.equals("logsumexp")) {
                out[p] = lse;
            } else {
                for (int k = 0; k < r; k++) {
                    c[a] = k;
                    int q = DArray.flat(c, x.shape());
                    out[q] = kind.equals("softmax") ? Math.exp(x.v()[q] - lse) : x.v()[q] - lse;
                }
            }
        }
        return new DArray(out, kind.equals("logsumexp") ? lineShape : x.shape());
    }

    /** {@code op(a) · op(b)}; b may be 2-D (shared) or carry a's batch dimensions. */
    public static DArray matmul(DArray a, DArray b, boolean ta, boolean tb) {
        int ra = a.rank();
        int m = ta ? a.dim(-1) : a.dim(-2);
        int k = ta ? a.dim(-2) : a.dim(-1);
        int n = tb ? b.dim(-2) : b.dim(-1);
        int batch = a.v().length / (a.dim(-1) * a.dim(-2));
        int[] shape = a.shape().clone();
        shape[ra - 2] = m;
        shape[ra - 1] = n;
        double[] out = new double[batch * m * n];
        int bBatch = b.rank() == 2 ? 0 : b.dim(-1) * b.dim(-2);
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        double x = ta ? a.v()[s * m * k + p * m + i] : a.v()[s * m * k + i * k + p];
                        double y = tb ? b.v()[s * bBatch + j * k + p] : b.v()[s * bBatch + p * n + j];
                        acc += x * y;
                    }
                    out[(s * m + i) * n + j] = acc;
                }
            }
        }
        return new DArray(out, shape);
    }

    public static DArray permute(DArray x, int... axes) {
        int[] shape = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            shape[i] = x.shape()[axes[i]];
        }
        double[] out = new double[x.v().length];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, shape);
            int[] src = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                src[axes[i]] = c[i];
            }
            out[p] = x.v()[DArray.flat(src, x.shape())];
        }
        return new DArray(out, shape);
    }

    public static DArray concat(List<DArray> parts, int axis) {
        int[] shape = parts.get(0).shape().clone();
        shape[axis] = 0;
        for (DArray d : parts) {
            shape[axis] += d.shape()[axis];
        }
        double[] out = new double[DArray.numel(shape)];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, shape);
            int idx = c[axis];
            int part = 0;
            while (idx >= parts.get(part).shape()[axis]) {
                idx -= parts.get(part).shape()[axis];
                part++;
            }
            c[axis] = idx;
            out[p] = parts.get(part).v()[DArray.flat(c, parts.get(part).shape())];
        }
        return new DArray(out, shape);
    }

    public static DArray slice(DArray x, int axis, int start, int end) {
        int[] shape = x.shape().clone();
        shape[axis] = end - start;
        double[] out = new double[DArray.numel(shape)];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, shape);
            c[axis] += start;
            out[p] = x.v()[DArray.flat(c, x.shape())];
        }
        return new DArray(out, shape);
    }

    public static DArray indexSelect(DArray x, int axis, int[] index) {
        int[] shape = x.shape().clone();
        shape[axis] = index.length;
        double[] out = new double[DArray.numel(shape)];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, shape);
            c[axis] = index[c[axis]];
            out[p] = x.v()[DArray.flat(c, x.shape())];
        }
        return new DArray(out, shape);
    }

    public static DArray gather(DArray x, int axis, int[] index, int[] indexShape) {
        double[] out = new double[index.length];
        for (int p = 0; p < out.length; p++) {
            int[] c = DArray.coords(p, indexShape);
            c[axis] = index[p];
            out[p] = x.v()[DArray.flat(c, x.shape())];
        }
        return new DArray(out, indexShape);
    }

    public static DArray scatterAdd(DArray x, int axis, int[] index, DArray src) {
        double[] out = x.v().clone();
        for (int p = 0; p < index.length; p++) {
            int[] c = DArray.coords(p, src.shape());
            c[axis] = index[p];
            out[DArray.flat(c, x.shape())] += src.v()[p];
        }
        return new DArray(out, x.shape());
    }

    public static DArray maskedFill(DArray x, DArray mask, double value) {
        double[] out = new double[x.v().length];
        for (int p = 0; p < out.length; p++) {
            out[p] = at(mask, DArray.coords(p, x.shape())) != 0 ? value : x.v()[p];
        }
        return new DArray(out, x.shape());
    }

    /** Row-wise over the last dimension: {@code kind} is layer, rms or l2. */
    public static DArray normalize(DArray x, DArray w, DArray b, double eps, String kind) {
        int d = x.dim(-1);
        double[] out = new double[x.v().length];
        for (int row = 0; row < out.length / d; row++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < d; j++) {
                mean += x.v()[row * d + j] / d;
            }
            for (int j = 0; j < d; j++) {
                double c = kind.equals("layer") ? x.v()[row * d + j] - mean : x.v()[row * d + j];
                sq += c * c;
            }
            double denom = switch (kind) {
                case "layer" -> Math.sqrt(sq / d + eps);
                case "rms" -> Math.sqrt(sq / d + eps);
                default -> Math.max(Math.sqrt(sq), eps);
            };
            for (int j = 0; j < d; j++) {
                double c = kind.equals("layer") ? x.v()[row * d + j] - mean : x.v()[row * d + j];
                double y = c / denom;
                if (w != null) {
                    y *= w.v()[j];
                }
                if (b != null) {
                    y += b.v()[j];
                }
                out[row * d + j] = y;
            }
        }
        return new DArray(out, x.shape());
    }

    /** Mean smoothed cross-entropy over rows whose target is not {@code ignore}. */
    public static double crossEntropy(DArray logits, int[] target, int ignore, double smoothing) {
        int c = logits.dim(-1);
        double total = 0;
        int count = 0;
        for (int row = 0; row < target.length; row++) {
            if (target[row] == ignore) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, logits.v()[row * c + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(logits.v()[row * c + j] - max);
            }
            double lse = max + Math.log(sum);
            double loss = 0;
            for (int j = 0; j < c; j++) {
                double q = (j == target[row] ? 1 - smoothing : 0) + smoothing / c;
                loss += q * (lse - logits.v()[row * c + j]);
            }
            total += loss;
            count++;
        }
        return total / count;
    }

    /** Rotate-half RoPE on {@code [..., T, D]} for positions {@code 0..T-1}. */
    public static DArray rope(DArray x, double base) {
        int d = x.dim(-1);
        int t = x.dim(-2);
        int half = d / 2;
        double[] out = new double[x.v().length];
        for (int row = 0; row < out.length / d; row++) {
            int pos = row % t;
            for (int i = 0; i < half; i++) {
                double angle = pos * Math.pow(base, -2.0 * i / d);
                double x1 = x.v()[row * d + i];
                double x2 = x.v()[row * d + half + i];
                out[row * d + i] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
                out[row * d + half + i] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
            }
        }
        return new DArray(out, x.shape());
    }

    /** {@code softmax(q kᵀ / sqrt(d) + masks) v} for {@code [B, H, T, D]}. */
    public static DArray attention(DArray q, DArray k, DArray v, boolean causal, int[][] keyPadding) {
        return attention(q, k, v, causal, 0, keyPadding);
    }

    /**
     * Softmax attention with grouped-query heads (query head h reads key head h / (Hq / Hkv)) and,
     * when causal, an optional window of the last {@code window} keys per query.
     */
    public static DArray attention(DArray q, DArray k, DArray v, boolean causal, int window, int[][] keyPadding) {
        int bsz = q.dim(0);
        int h = q.dim(1);
        int hkv = k.dim(1);
        int t = q.dim(2);
        int tk = k.dim(2);
        int d = q.dim(3);
        double[] out = new double[bsz * h * t * d];
        for (int b = 0; b < bsz; b++) {
            for (int hh = 0; hh < h; hh++) {
                int kh = hh / (h / hkv);
                for (int i = 0; i < t; i++) {
                    double[] s = new double[tk];
                    double max = Double.NEGATIVE_INFINITY;
                    int pos = i + tk - t;
                    for (int j = 0; j < tk; j++) {
                        double dot = 0;
                        for (int c = 0; c < d; c++) {
                            dot += q.v()[((b * h + hh) * t + i) * d + c] * k.v()[((b * hkv + kh) * tk + j) * d + c];
                        }
                        s[j] = dot / Math.sqrt(d);
                        boolean hidden = causal && (j > pos || (window > 0 && pos - j >= window));
                        if (hidden || (keyPadding != null && keyPadding[b][j] != 0)) {
                            s[j] = -1e9;
                        }
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < tk; j++) {
                        s[j] = Math.exp(s[j] - max);
                        sum += s[j];
                    }
                    for (int c = 0; c < d; c++) {
                        double acc = 0;
                        for (int j = 0; j < tk; j++) {
                            acc += s[j] / sum * v.v()[((b * hkv + kh) * tk + j) * d + c];
                        }
                        out[((b * h + hh) * t + i) * d + c] = acc;
                    }
                }
            }
        }
        return new DArray(out, q.shape());
    }

    /** erf to double precision: Taylor series for |x| < 3, continued fraction for erfc beyond. */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3) {
            double term = ax;
            double sum = ax;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -ax * ax / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = ax;
            for (int n = 60; n >= 1; n--) {
                f = ax + (n / 2.0) / f;
            }
            r = 1 - Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
        }
        return x < 0 ? -r : r;
    }
}
