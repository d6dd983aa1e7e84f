package io.jemini.engine.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.engine.ops.LinearAlgebra;
import io.jemini.engine.tensor.ShapeException;
import io.jemini.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AutogradTest {
    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new float[] {4, 8, 12}, x.gradData());
        x.zeroGrad();
        assertArrayEquals(new float[] {0, 0, 0}, x.gradData());
    }

    @Test
    void graphIsReleasedAfterBackward() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor h = x.exp();
        Tensor loss = h.sum();
        assertTrue(h.node() != null && loss.node() != null);
        loss.backward();
        assertNull(h.node());
        assertNull(loss.node());
        assertNull(h.gradData(), "intermediate gradients are freed");
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y;
        try (var scope = GradMode.disabled()) {
            y = x.mul(3f);
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.node());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.of(new float[] {2}, 1).requiresGrad(true);
        Tensor y = x.mul(x).detach().mul(x).sum();
        y.backward();
        assertArrayEquals(new float[] {4}, x.gradData(), "only the non-detached factor contributes");
    }

    @Test
    void backwardOnNonScalarNeedsAGradient() {
        Tensor x = Tensor.ones(2, 3).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.exp().backward());
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void inPlaceChangeOfASavedTensorIsCaught() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor y = x.exp();
        Tensor z = y.exp().sum();
        y.fill_(0f);
        IllegalStateException e = assertThrows(IllegalStateException.class, z::backward);
        assertTrue(e.getMessage().startsWith("exp backward") && e.getMessage().contains("modified in place"), e.getMessage());
    }

    @Test
    void inPlaceChangeOfALeafThatRequiresGradIsRefused() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> w.fill_(0f));
        try (var scope = GradMode.disabled()) {
            w.fill_(0f);
        }
        assertEquals(0f, w.data()[0]);
    }

    @Test
    void shapeErrorsNameOpShapesAndExpectation() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        ShapeException e = assertThrows(ShapeException.class, () -> LinearAlgebra.matmul(a, b, false, false));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4, 5]") && e.getMessage().contains("3 vs 4"), e.getMessage());
        ShapeException f = assertThrows(ShapeException.class, () -> a.add(Tensor.zeros(3, 2)));
        assertTrue(f.getMessage().startsWith("add: shapes [2, 3] and [3, 2] cannot be broadcast"), f.getMessage());
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        Tensor x = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.mul(1.0f);
        }
        y.sum().backward();
        assertEquals(1f, x.gradData()[0]);
    }
}
