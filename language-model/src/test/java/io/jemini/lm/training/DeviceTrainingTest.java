package io.jemini.lm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.device.DeviceRuntime;
import io.jemini.engine.device.TestDevices;
import io.jemini.engine.nn.FeedForward;
import io.jemini.engine.nn.Norm;
import io.jemini.engine.ops.Indices;
import io.jemini.engine.optim.AdamW;
import io.jemini.engine.optim.GradientClipping;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import io.jemini.lm.model.LmConfig;
import io.jemini.lm.model.TransformerLm;
import io.jemini.opencl.runtime.Transfers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole training steps of a small Llama-style LM (embedding, RMSNorm, RoPE, attention, SwiGLU,
 * tied output, cross-entropy, clipping, AdamW) on the OpenCL device against the JVM backend:
 * the losses track over 100 steps, the device run repeats bit for bit, and a step moves only
 * its token ids in and its loss out.
 */
class DeviceTrainingTest {
    private static final int STEPS = 100;
    private static final int BATCH = 4;
    private static final int SEQ = 32;
    private static final int VOCAB = 24;
    /** The losses of each step and the final parameters. */
    private record Trained(float[] losses, Map<String, Tensor> params, double bytesPerStep) {
    }

    private static Trained train(DeviceRuntime on) {
        DeviceRuntime previous = DeviceRuntime.install(on);
        try {
            Rng rng = new Rng(5);
            TransformerLm lm = new TransformerLm(new LmConfig(VOCAB, 32, 2, 4, 64, SEQ, Norm.Kind.RMS, FeedForward.Kind.SWIGLU, 10000, true, 1e-5f),
                    rng);
            Map<String, Tensor> params = lm.parameters();
            AdamW opt = new AdamW(params, 0.9f, 0.95f, 1e-8f, 0.1f, name -> !name.contains("norm"));
            Rng data = new Rng(99);
            float[] losses = new float[STEPS];
            Transfers.Snapshot warm = null;
            for (int step = 0; step < STEPS; step++) {
                if (step == 1 && on != null) {
                    warm = on.transfers().snapshot();
                }
                int[] tokens = new int[BATCH * (SEQ + 1)];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = i % (SEQ + 1) == 0 ? data.nextInt(VOCAB) : (tokens[i - 1] * 5 + 3 + data.nextInt(2)) % VOCAB;
                }
                int[] in = new int[BATCH * SEQ];
                int[] out = new int[BATCH * SEQ];
                for (int b = 0; b < BATCH; b++) {
                    System.arraycopy(tokens, b * (SEQ + 1), in, b * SEQ, SEQ);
                    System.arraycopy(tokens, b * (SEQ + 1) + 1, out, b * SEQ, SEQ);
                }
                opt.zeroGrad();
                Tensor loss = lm.loss(Indices.of(in, BATCH, SEQ), Indices.of(out, BATCH, SEQ));
                loss.backward();
                GradientClipping.clipGlobalNorm(params, 1.0);
                opt.step(3e-3f);
                losses[step] = loss.item();
            }
            double bytes = on == null ? 0 : perStep(on.transfers().snapshot().minus(warm));
            params.values().forEach(Tensor::read);
            return new Trained(losses, params, bytes);
        } finally {
            DeviceRuntime.install(previous);
        }
    }

    private static double perStep(Transfers.Snapshot s) {
        return (double) (s.uploadBytes() + s.downloadBytes()) / (STEPS - 1);
    }

    @Test
    void lossesTrackTheJvmOverAHundredSteps() {
        Trained jvm = train(null);
        Trained onDevice = train(TestDevices.shared());
        assertTrue(jvm.losses()[STEPS - 1] < jvm.losses()[0] - 0.5f, "the JVM run must learn: " + jvm.losses()[0] + " -> "
                + jvm.losses()[STEPS - 1]);
        for (int step = 0; step < STEPS; step++) {
            float a = jvm.losses()[step];
            float b = onDevice.losses()[step];
            assertTrue(Math.abs(a - b) <= 1e-5f * Math.abs(a), "step " + step + ": jvm loss " + a + ", device loss " + b);
        }
    }

    @Test
    void theSameDeviceRunTwiceIsBitIdentical() {
        Trained first = train(TestDevices.shared());
        Trained second = train(TestDevices.shared());
        assertArrayEquals(first.losses(), second.losses());
        first.params().forEach((name, p) -> assertArrayEquals(p.read(), second.params().get(name).read(), name));
    }

    @Test
    void aStepMovesOnlyItsTokensInAndItsLossOut() {
        Trained run = train(TestDevices.shared());
        long params = run.params().values().stream().mapToLong(Tensor::numel).sum();
        double allowed = BATCH * SEQ * 4.0 * 3 + 4096;
        assertTrue(run.bytesPerStep() <= allowed, run.bytesPerStep() + " bytes cross per step; token ids in, the loss out "
                + "and small metadata are " + allowed + " (the parameters alone are " + params * 4 + " bytes)");
    }
}
