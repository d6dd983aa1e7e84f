package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.io.Safetensors;
import io.jemini.engine.io.SafetensorsWriter;
import io.jemini.engine.ops.Attention;
import io.jemini.engine.ops.Rotary;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpCommandTest {
    @TempDir
    Path dir;

    @Test
    void listNamesEveryRequiredOpWithItsTensors() {
        CliRunner r = CliRunner.run("op", "--list");
        assertEquals(0, r.exit(), r.err());
        for (String op : new String[] {"matmul", "softmax", "log_softmax", "layer_norm", "rms_norm", "gelu", "silu",
                "cross_entropy", "attention", "embedding", "moe_router", "moe_layer", "load_balancing_loss", "router_z_loss", "flash_attention", "sparse_similarity", "sparc_loss", "clip_loss", "filip_loss"}) {
            assertTrue(r.out().contains(op + " - "), "missing " + op);
        }
        assertTrue(r.out().contains("attr causal"));
        assertTrue(r.out().contains("in   targets      int"));
    }

    @Test
    void attentionWithRopeMatchesTheLibraryAndUsesTheGivenUpstreamGradient() {
        Rng rng = new Rng(3);
        Tensor q = Tensor.randn(rng, 1f, 1, 2, 5, 4);
        Tensor k = Tensor.randn(rng, 1f, 1, 2, 5, 4);
        Tensor v = Tensor.randn(rng, 1f, 1, 2, 5, 4);
        Tensor g = Tensor.randn(rng, 1f, 1, 2, 5, 4);
        Path in = dir.resolve("in.safetensors");
        new SafetensorsWriter().putF32("q", q.data(), q.dims()).putF32("k", k.data(), k.dims())
                .putF32("v", v.data(), v.dims()).putF32("grad.out", g.data(), g.dims())
                .metadata("causal", "true").write(in);
        Path out = dir.resolve("out.safetensors");
        CliRunner r = CliRunner.run("op", "attention", "--in", in.toString(), "--out", out.toString(), "--attr", "rope=true");
        assertEquals(0, r.exit(), r.err());

        Tensor lq = q.copy().requiresGrad(true);
        Tensor lk = k.copy().requiresGrad(true);
        Tensor lv = v.copy().requiresGrad(true);
        Rotary rope = new Rotary(4, 5, 10000);
        Tensor expected = Attention.scaledDotProduct(rope.apply(lq, 0), rope.apply(lk, 0), lv, true, null);
        expected.backward(g.data());
        Safetensors result = Safetensors.read(out);
        assertArrayEquals(expected.data(), result.floats("out"));
        assertArrayEquals(lq.gradData(), result.floats("grad.q"));
        assertArrayEquals(lv.gradData(), result.floats("grad.v"));
        assertEquals("attention", result.metadata().get("op"));
    }

    @Test
    void crossEntropyTakesIntegerTargetsAndDefaultsToTheGradientOfTheSum() {
        Path in = dir.resolve("ce.safetensors");
        new SafetensorsWriter().putF32("logits", new float[] {1, 2, 3, 0, 0, 0}, 2, 3)
                .putI64("targets", new long[] {2, -100}, 2).write(in);
        Path out = dir.resolve("ce-out.safetensors");
        CliRunner r = CliRunner.run("op", "cross_entropy", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Safetensors result = Safetensors.read(out);
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(lse - 3, result.floats("out")[0], 1e-6);
        float[] grad = result.floats("grad.logits");
        assertEquals(Math.exp(3 - lse) - 1, grad[2], 1e-6);
        assertEquals(0f, grad[4]);
    }

    @Test
    void badInputGivesOneLineAndNonZeroExit() throws IOException {
        Path in = dir.resolve("x.safetensors");
        new SafetensorsWriter().putF32("x", new float[] {1, 2}, 2).write(in);
        Path out = dir.resolve("o.safetensors");

        CliRunner unknown = CliRunner.run("op", "softplus", "--in", in.toString(), "--out", out.toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown op 'softplus'; registered: attention"), unknown.err());

        CliRunner badAttr = CliRunner.run("op", "softmax", "--in", in.toString(), "--out", out.toString(), "--attr", "axis=x");
        assertEquals(2, badAttr.exit());
        assertTrue(badAttr.err().contains("attribute axis=x is not allowed; expected a int"), badAttr.err());

        CliRunner extraAttr = CliRunner.run("op", "silu", "--in", in.toString(), "--out", out.toString(), "--attr", "beta=2");
        assertTrue(extraAttr.err().contains("unknown attribute 'beta'"), extraAttr.err());

        CliRunner missing = CliRunner.run("op", "matmul", "--in", in.toString(), "--out", out.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("matmul: missing input 'a'"), missing.err());

        Path truncated = dir.resolve("t.safetensors");
        byte[] bytes = Files.readAllBytes(in);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        CliRunner trunc = CliRunner.run("op", "silu", "--in", truncated.toString(), "--out", out.toString());
        assertEquals(1, trunc.exit());
        assertTrue(trunc.err().startsWith("jemini op: " + truncated), trunc.err());
        assertEquals(1, trunc.err().strip().lines().count(), trunc.err());
        assertFalse(Files.exists(out), "no output written on failure");

        CliRunner shapes = CliRunner.run("op", "rms_norm", "--in", in.toString(), "--out", out.toString());
        assertTrue(shapes.err().contains("missing input 'x'") || shapes.err().contains("rms_norm"), shapes.err());
    }
}
