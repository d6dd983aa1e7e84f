package io.jemini.engine.optim;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.OptimizerLaunch;
import io.jemini.engine.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Adam with decoupled weight decay, with PyTorch's update formula ({@code torch.optim.AdamW}). */
public final class AdamW implements Optimizer {
    private final Map<String, Tensor> params;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final Predicate<String> decays;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private long steps;

    /** {@code decays} selects (by name) the parameters that weight decay applies to. */
    public AdamW(Map<String, Tensor> params, float beta1, float beta2, float eps, float weightDecay,
                 Predicate<String> decays) {
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decays = decays;
        params.forEach((name, p) -> {
            m.put(name, new float[p.numel()]);
            v.put(name, new float[p.numel()]);
        });
    }

    public AdamW(Map<String, Tensor> params, float weightDecay) {
        this(params, 0.9f, 0.999f, 1e-8f, weightDecay, name -> true);
    }

    @Override
    public void step(float lr) {
        steps++;
        float bc1 = (float) (1.0 - Math.pow(beta1, steps));
        float bc2 = (float) (1.0 - Math.pow(beta2, steps));
        try (var noGrad = GradMode.disabled()) {
            params.forEach((name, p) -> {
                float[] g = p.gradData();
                if (g == null) {
                    return;
                }
                float wd = decays.test(name) ? weightDecay : 0.0f;
                float[] pm = m.get(name);
                float[] pv = v.get(name);
                p.markModified();
                OptimizerLaunch.adamW(g.length, 4, p.buffer(), g, pm, pv, lr, beta1, beta2, eps, wd, bc1, bc2);
            });
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        m.forEach((name, buf) -> s.put(name + ".exp_avg", Host.read(buf)));
        v.forEach((name, buf) -> s.put(name + ".exp_avg_sq", Host.read(buf)));
        return s;
    }

    @Override
    public void restore(Map<String, float[]> state, long steps) {
        m.forEach((name, buf) -> OptimizerState.copy(state, name + ".exp_avg", buf));
        v.forEach((name, buf) -> OptimizerState.copy(state, name + ".exp_avg_sq", buf));
        this.steps = steps;
    }

    @Override
    public void zeroGrad() {
        params.values().forEach(Tensor::zeroGrad);
    }
}
