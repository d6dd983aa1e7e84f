package io.jemini.engine.ops;

import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scaled dot-product attention composed from matmul, masking and softmax:
 * {@code softmax(q·kᵀ/sqrt(d) + mask) · v} for {@code [B, H, T, D]} inputs. Masked scores are
 * set to a large finite negative so that a fully masked row gives a uniform average, not NaN.
 */
public final class Attention {
    /** The most recently used causal masks by shape; generation asks for a new shape at every token. */
    private static final Map<String, Tensor> MASKS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tensor> eldest) {
            return size() > 32;
        }
    };
    /** The score given to masked positions. */
    public static final float MASKED = -1e9f;

    private Attention() {
    }

    /**
     * @param keyPadding {@code [B, Tk]} with 1 where the key is padding, or null
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, boolean causal, Tensor keyPadding) {
        return scaledDotProduct(q, k, v, causal, 0, keyPadding);
    }

    /**
     * @param window     with {@code causal}, each query sees only its last {@code window} keys (0: all)
     * @param keyPadding {@code [B, Tk]} with 1 where the key is padding, or null
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, boolean causal, int window, Tensor keyPadding) {
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
            throw new ShapeException("attention: q, k, v must be [B, H, T, D], got " + q.shape() + ", " + k.shape()
                    + ", " + v.shape());
        }
        int tq = q.dim(2);
        int tk = k.dim(2);
        if (q.dim(-1) != k.dim(-1) || !k.shape().equals(v.shape().with(-1, k.dim(-1)))) {
            throw new ShapeException("attention: incompatible q " + q.shape() + ", k " + k.shape() + ", v " + v.shape());
        }
        Tensor scores = LinearAlgebra.matmul(q, k, false, true).mul((float) (1.0 / Math.sqrt(q.dim(-1))));
        if (causal) {
            scores = Indexing.maskedFill(scores, causalMask(tq, tk, window), MASKED);
        }
        if (keyPadding != null) {
            if (keyPadding.rank() != 2 || keyPadding.dim(0) != q.dim(0) || keyPadding.dim(1) != tk) {
                throw new ShapeException("attention: key padding mask " + keyPadding.shape() + " must be ["
                        + q.dim(0) + ", " + tk + "]");
            }
            scores = Indexing.maskedFill(scores, keyPadding.reshape(q.dim(0), 1, 1, tk), MASKED);
        }
        return LinearAlgebra.matmul(scores.softmax(-1), v, false, false);
    }

    /**
     * {@code [tq, tk]} with 1 where key j is after query i; queries are aligned to the last
     * {@code tq} keys (so a cached prefix stays visible).
     */
    public static Tensor causalMask(int tq, int tk) {
        return causalMask(tq, tk, 0);
    }

    /**
     * The causal mask that also hides keys more than {@code window - 1} positions back (0: none
     * hidden). Masks are shared by shape (read-only), so a device keeps each one after its first use.
     */
    public static Tensor causalMask(int tq, int tk, int window) {
        synchronized (MASKS) {
            return MASKS.computeIfAbsent(tq + "x" + tk + "/" + window, key -> buildCausalMask(tq, tk, window));
        }
    }

    private static Tensor buildCausalMask(int tq, int tk, int window) {
        float[] m = new float[tq * tk];
        int shift = tk - tq;
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j < tk; j++) {
                int back = i + shift - j;
                m[i * tk + j] = back < 0 || (window > 0 && back >= window) ? 1.0f : 0.0f;
            }
        }
        return Tensor.of(m, tq, tk);
    }
}
