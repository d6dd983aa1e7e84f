package io.jemini.engine.golden;

import io.jemini.engine.io.Safetensors;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads the committed PyTorch fixtures written by {@code scripts/golden/make_fixtures.py}. */
final class Fixtures {
    private Fixtures() {
    }

    static Safetensors load(String name) {
        try {
            return Safetensors.read(Path.of(Fixtures.class.getResource("/golden/" + name + ".safetensors").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static double[] doubles(Safetensors st, String name) {
        float[] f = st.floats(name);
        if (st.entry(name).dtype() == io.jemini.engine.io.DType.F64) {
            java.nio.ByteBuffer b = st.entry(name).bytes().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            double[] d = new double[f.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.getDouble(i * 8);
            }
            return d;
        }
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
