package io.jemini.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep axis over a whole section merges each partial object over that section. */
class SectionSweepTest {
    record Loss(double lambdaG, double lambdaF, String weights) {
    }

    record Cfg(long seed, Loss loss) implements CheckedConfig {
        @Override
        public void check(Checks c) {
            c.oneOf("loss.weights", loss.weights(), "sparse", "dense");
        }
    }

    private static final Cfg DEFAULTS = new Cfg(1, new Loss(0.5, 1.0, "sparse"));

    @Test
    void variantsMergeOverTheSectionAndCrossWithOtherAxes() {
        String json = """
                {"loss": {"lambda_g": 0.25},
                 "sweep": {"loss": [{"lambda_f": 0}, {"weights": "dense"}], "seed": [1, 2]}}""";
        List<ConfigReader.Point<Cfg>> points = ConfigReader.load("t.json", json, Cfg.class, DEFAULTS, List.of(), List.of());
        assertEquals(4, points.size());
        assertEquals(new Loss(0.25, 0.0, "sparse"), points.get(0).config().loss());
        assertEquals(new Loss(0.25, 1.0, "dense"), points.get(2).config().loss());
        assertEquals(2, points.get(3).config().seed());
        assertEquals("lambda_f=0", points.get(0).assignments().get("loss"));
        assertEquals("weights=dense", points.get(3).assignments().get("loss"));
    }

    @Test
    void anUnknownKeyInsideAVariantIsNamedWithItsPlaceInTheSweep() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.load("t.json",
                "{\"sweep\": {\"loss\": [{\"lambda_z\": 0}]}}", Cfg.class, DEFAULTS, List.of(), List.of()));
        assertTrue(e.getMessage().contains("sweep.loss[0].lambda_z"), e.getMessage());
    }

    @Test
    void aBadValueInsideAVariantNamesTheSweepPoint() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.load("t.json",
                "{\"sweep\": {\"loss\": [{\"weights\": \"fancy\"}]}}", Cfg.class, DEFAULTS, List.of(), List.of()));
        assertTrue(e.getMessage().contains("loss.weights") && e.getMessage().contains("weights=fancy"), e.getMessage());
    }
}
