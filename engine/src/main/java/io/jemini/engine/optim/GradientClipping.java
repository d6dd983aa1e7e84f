package io.jemini.engine.optim;

import io.jemini.engine.launch.OptimizerLaunch;
import io.jemini.engine.ops.Reductions;
import io.jemini.engine.tensor.Tensor;
import java.util.Map;

/** Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales all gradients by {@code maxNorm / (norm + 1e-6)} when that is below 1; returns the
     * global L2 norm before clipping (summed in parameter order, so deterministic).
     */
    public static double clipGlobalNorm(Map<String, Tensor> params, double maxNorm) {
        double sq = 0.0;
        for (Tensor p : params.values()) {
            if (p.gradData() != null) {
                sq += Reductions.sumOfSquares(p.gradData());
            }
        }
        double norm = Math.sqrt(sq);
        float coef = (float) (maxNorm / (norm + 1e-6));
        if (coef < 1.0f) {
            for (Tensor p : params.values()) {
                float[] g = p.gradData();
                if (g != null) {
                    OptimizerLaunch.scale(g.length, 4, g, coef);
                }
            }
        }
        return norm;
    }
}
