package io.jemini.engine.optim;

import io.jemini.engine.autograd.GradMode;
import io.jemini.engine.launch.Host;
import io.jemini.engine.launch.OptimizerLaunch;
import io.jemini.engine.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** SGD with momentum and L2 weight decay, as {@code torch.optim.SGD} with dampening 0. */
public final class Sgd implements Optimizer {
    private final Map<String, Tensor> params;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private long steps;

    public Sgd(Map<String, Tensor> params, float momentum, float weightDecay) {
        this.params = params;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        params.forEach((name, p) -> buffers.put(name, new float[p.numel()]));
    }

    @Override
    public void step(float lr) {
        int first = steps == 0 ? 1 : 0;
        steps++;
        try (var noGrad = GradMode.disabled()) {
            params.forEach((name, p) -> {
                float[] g = p.gradData();
                if (g == null) {
                    return;
                }
                float[] buf = buffers.get(name);
                p.markModified();
                OptimizerLaunch.sgd(g.length, 4, p.buffer(), g, buf, lr, momentum, weightDecay, first);
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
        buffers.forEach((name, buf) -> s.put(name + ".momentum_buffer", Host.read(buf)));
        return s;
    }

    @Override
    public void restore(Map<String, float[]> state, long steps) {
        buffers.forEach((name, buf) -> OptimizerState.copy(state, name + ".momentum_buffer", buf));
        this.steps = steps;
    }

    @Override
    public void zeroGrad() {
        params.values().forEach(Tensor::zeroGrad);
    }
}
