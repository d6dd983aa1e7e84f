package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.training.SparcObjective;
import io.jemini.contrastive.training.SparcRunConfig;
import io.jemini.engine.config.ConfigReader;
import io.jemini.eval.tasks.LanguageModelTask;
import io.jemini.lm.training.LmMemory;
import io.jemini.lm.training.LmRunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The up-front heap estimate counts the parameters the models really have and refuses what cannot fit. */
class MemoryEstimateTest {
    @TempDir
    Path dir;

    private static LmRunConfig lm(String... sets) {
        return ConfigReader.load(Path.of("..", "configs", "quickstart.json"), LmRunConfig.class, LmRunConfig.defaults(),
                List.of(sets), List.of()).get(0).config();
    }

    @Test
    void parameterCountsAreExact() {
        for (LmRunConfig c : new LmRunConfig[] {lm(), lm("model.ffn=gelu", "model.norm=layer", "model.tied_embeddings=false", "model.kv_heads=2"),
            lm("moe.enabled=true", "moe.every=2", "moe.shared_experts=1", "model.layers=4")}) {
            assertEquals(new LanguageModelTask().build(c, null).parameterCount(), LmMemory.of(c).parameters(), 1e-6, c.toString());
        }
        SparcRunConfig sparc = SparcRunConfig.defaults();
        double actual = SparcObjective.of(sparc).model().parameterCount();
        double estimated = sparc.memory().parameters();
        assertTrue(Math.abs(estimated - actual) < 0.25 * actual, estimated + " against " + actual);
    }

    @Test
    void aModelThatCannotFitIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = dir.resolve("runs");
        CliRunner r = CliRunner.run("run", Path.of("..", "configs", "quickstart.json").toString(), "--out", out.toString(),
                "--set", "model.dim=100000", "--set", "model.heads=2");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("this model needs about") && r.err().contains("lower model.dim")
                && r.err().contains("JEMINI_HEAP"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
