package io.jemini.engine.testing;

import io.jemini.engine.io.DType;
import io.jemini.engine.io.Safetensors;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Reads the committed PyTorch fixtures ({@code /golden/<name>.safetensors} on the test classpath). */
public final class Golden {
    private Golden() {
    }

    public static Safetensors load(Class<?> owner, String name) {
        try {
            return Safetensors.read(Path.of(owner.getResource("/golden/" + name + ".safetensors").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture tensor's values in double precision (F64 tensors read exactly). */
    public static double[] doubles(Safetensors st, String name) {
        Safetensors.Entry e = st.entry(name);
        if (e.dtype() != DType.F64) {
            return toDouble(st.floats(name));
        }
        double[] out = new double[e.numel()];
        var b = e.bytes().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble(i * 8);
        }
        return out;
    }

    public static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
