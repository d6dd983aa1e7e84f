package io.jemini.eval.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.engine.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume does not trust what it finds: an edited config is refused unless accepted (and then
 * recorded), an incomplete checkpoint directory is named and never deleted, and a failing sweep
 * point is recorded while the other points run.
 */
class ResumeTrustTest {
    @TempDir
    Path dir;

    /** A run of 6 steps stopped after its step-3 checkpoint (the later files removed). */
    private Path halfRun() throws Exception {
        Path config = dir.resolve("small.json");
        Files.writeString(config, RunCommandTest.SMALL);
        Path out = dir.resolve("runs");
        assertEquals(0, CliRunner.run("run", config.toString(), "--out", out.toString()).exit());
        Path run = RunDirs.only(out);
        Path last = run.resolve("checkpoints/step-00000006");
        try (var files = Files.list(last)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(last);
        Files.delete(run.resolve("results.json"));
        return run;
    }

    @Test
    void anEditedConfigIsRefusedUnlessAcceptedAndThenRecorded() throws Exception {
        Path run = halfRun();
        ObjectNode cfg = (ObjectNode) ConfigReader.readTree(run.resolve("config.json"));
        ((ObjectNode) cfg.get("train")).put("steps", 9);
        Files.writeString(run.resolve("config.json"), ConfigReader.toJson(cfg));
        byte[] metrics = Files.readAllBytes(run.resolve("metrics.jsonl"));

        CliRunner refused = CliRunner.run("resume", run.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("train.steps: 6 -> 9"), refused.err());
        assertTrue(refused.err().contains("--accept-config-change"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertArrayEquals(metrics, Files.readAllBytes(run.resolve("metrics.jsonl")), "nothing written");

        CliRunner accepted = CliRunner.run("resume", run.toString(), "--accept-config-change");
        assertEquals(0, accepted.exit(), accepted.err());
        String record = Files.readString(run.resolve("resumes.jsonl"));
        assertTrue(record.contains("\"from_step\":3") && record.contains("\"train.steps\":[\"6\",\"9\"]"), record);
        assertTrue(Files.exists(run.resolve("checkpoints/step-00000009")));
    }

    /**
     * Where a run computes is not what it trains, and a key added since a checkpoint was written
     * is no change while the run keeps its default: such a run resumes without a refusal.
     */
    @Test
    void aRunResumesOnAnotherBackendAndFromBeforeNewKeys() throws Exception {
        Path run = halfRun();
        Path state = run.resolve("checkpoints/step-00000003/state.json");
        ObjectNode stateJson = (ObjectNode) ConfigReader.readTree(state);
        ((ObjectNode) stateJson.get("config")).remove("runtime");
        ((ObjectNode) stateJson.get("config").get("train")).remove("non_finite");
        Files.writeString(state, ConfigReader.toJson(stateJson));
        ObjectNode cfg = (ObjectNode) ConfigReader.readTree(run.resolve("config.json"));
        ((ObjectNode) cfg.get("runtime")).put("device", "gpu");
        Files.writeString(run.resolve("config.json"), ConfigReader.toJson(cfg));
        CliRunner resumed = CliRunner.run("resume", run.toString());
        assertTrue(!resumed.err().contains("differs from the config"), resumed.err());
        assertEquals(0, resumed.exit(), resumed.err());
    }

    @Test
    void anIncompleteCheckpointIsNamedAndKept() throws Exception {
        Path run = halfRun();
        Path broken = run.resolve("checkpoints/step-00000005");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.safetensors"), "half written");
        Path clash = run.resolve("checkpoints/step-00000006");
        Files.createDirectories(clash);
        Files.writeString(clash.resolve("notes.txt"), "not a checkpoint");

        CliRunner resumed = CliRunner.run("resume", run.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        String said = resumed.out() + resumed.err();
        assertTrue(said.contains("warning: " + broken + " is not a complete checkpoint"), said);
        assertTrue(Files.exists(broken.resolve("model.safetensors")), "never deleted");
        assertTrue(Files.exists(run.resolve("checkpoints/step-00000006.unrecognised/notes.txt")), "set aside, not deleted");
        assertTrue(Files.exists(run.resolve("checkpoints/step-00000006/state.json")));
    }

    @Test
    void aFailingSweepPointIsRecordedAndTheOthersRun() throws Exception {
        Path config = dir.resolve("sweep.json");
        Files.writeString(config, RunCommandTest.SMALL);
        Path out = dir.resolve("sweep");
        CliRunner r = CliRunner.run("run", config.toString(), "--out", out.toString(), "--sweep", "train.lr=0.01,1e30,0.02",
                "--set", "train.min_lr=0.001");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("sweep point 2 failed: step"), r.err());
        assertTrue(r.err().contains("1 of 3 sweep points failed"), r.err());
        Path sweep = RunDirs.only(out);
        assertTrue(Files.exists(RunDirs.only(sweep, "lr=0.02").resolve("results.json")), "the point after the failure ran");
        String summary = Files.readString(sweep.resolve("summary.md"));
        assertTrue(summary.contains("| failed |") && summary.contains("## Failed points"), summary);
    }
}
