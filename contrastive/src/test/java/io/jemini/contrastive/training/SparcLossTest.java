package io.jemini.contrastive.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jemini.contrastive.data.Split;
import io.jemini.engine.config.ConfigException;
import io.jemini.engine.config.ConfigReader;
import io.jemini.engine.random.Rng;
import io.jemini.engine.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The fine-grained loss's ablation switches: each changes the loss as described and nothing else. */
class SparcLossTest {
    private static SparcRunConfig config(String... sets) {
        return ConfigReader.load("test", "{\"task\": \"sparc\", \"train\": {\"batch_size\": 6}}", SparcRunConfig.class,
                SparcRunConfig.defaults(), List.of(sets), List.of()).get(0).config();
    }

    @Test
    void centringRemovesTheMeanOfTheRealTokens() {
        Tensor tokens = Tensor.randn(new Rng(1), 1f, 2, 3, 4);
        float[] mask = {1, 1, 0, 1, 0, 0};
        float[] c = SparcLoss.centred(tokens, mask).data();
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            for (int row = 0; row < 6; row++) {
                sum += mask[row] * c[row * 4 + j];
            }
            assertEquals(0.0, sum, 1e-5, "real tokens' mean, dimension " + j);
        }
    }

    @Test
    void contentMaskKeepsOnlyWordsThatNameAnObject() {
        SparcObjective setup = SparcObjective.of(config());
        SceneBatch batch = SceneBatch.sample(setup.data().train(), setup.tokenizer(), new Rng(3), 6, 14, Split.TRAIN);
        float[] content = SparcLoss.contentMask(batch);
        int kept = 0;
        for (int i = 0; i < content.length; i++) {
            assertTrue(content[i] <= batch.mask()[i]);
            kept += (int) content[i];
        }
        assertTrue(kept > 0 && kept < (int) java.util.stream.IntStream.range(0, content.length)
                .mapToDouble(i -> batch.mask()[i]).sum(), "some words kept, some dropped: " + kept);
    }

    @Test
    void everySwitchChangesTheFineLossAndTheDefaultsAreThePapers() {
        SparcObjective setup = SparcObjective.of(config());
        SceneBatch batch = SceneBatch.sample(setup.data().train(), setup.tokenizer(), new Rng(4), 6, 14, Split.TRAIN);
        float paper = SparcLoss.of(setup.model(), batch, config().loss()).fine();
        assertEquals(paper, SparcLoss.of(setup.model(), batch, config("loss.sigma=-1").loss()).fine());
        for (String set : new String[] {"loss.centre=true", "loss.similarity=cosine", "loss.tokens=content", "loss.sigma=0.5"}) {
            float v = SparcLoss.of(setup.model(), batch, config(set).loss()).fine();
            assertTrue(Float.isFinite(v), set);
            assertNotEquals(paper, v, set);
        }
    }

    @Test
    void badSwitchesAreConfigErrors() {
        Executable folderContent = () -> ConfigReader.load("t", "{\"task\": \"sparc\", \"data\": {\"source\": \"folder\", "
                + "\"folder\": \"x\"}, \"loss\": {\"tokens\": \"content\"}}", SparcRunConfig.class, SparcRunConfig.defaults(),
                List.of(), List.of());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, folderContent).getMessage()
                .contains("loss.tokens = content is not allowed"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> config("loss.sigma=1.5"))
                .getMessage().contains("loss.sigma = 1.5 is not allowed"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> config("loss.weights=softmx"))
                .getMessage().contains("loss.weights expects one of sparse, dense, softmax"));
        Executable unknownInFile = () -> ConfigReader.load("t", "{\"task\": \"sparc\", \"loss\": {\"similarity\": \"l2\"}}",
                SparcRunConfig.class, SparcRunConfig.defaults(), List.of(), List.of());
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, unknownInFile).getMessage()
                .contains("loss.similarity = \"l2\" is not allowed; expected one of dot, cosine"));
    }
}
