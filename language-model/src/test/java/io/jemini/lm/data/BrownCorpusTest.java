package io.jemini.lm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownCorpusTest {
    @TempDir
    Path dir;

    private static final String SAMPLE = "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ``/`` no/at evidence/nn ''/'' "
            + "that/cs any/dti irregularities/nns took/vbd place/nn ./.\n\n\n\tIt's/pps+bez a/at 1/2/cd pound/nn ,/, "
            + "(/( he/pps said/vbd )/) ;/. isn't/bez* it/pps ?/.\n";

    @Test
    void stripsTagsAndRejoinsTokens() {
        String text = BrownCorpus.detag(Path.of("ca01"), SAMPLE);
        assertEquals("The Fulton County said \"no evidence\" that any irregularities took place.\n"
                + "It's a 1/2 pound, (he said); isn't it?", text);
    }

    @Test
    void readsADirectoryOfFiveHundredFilesInOrder() throws IOException {
        char[] genres = "abcdefghjklmnpr".toCharArray();
        int n = 0;
        for (char g : genres) {
            for (int i = 1; n < BrownCorpus.FILES && i <= 80; i++, n++) {
                Files.writeString(dir.resolve(String.format("c%c%02d", g, i)), "\tword/nn " + g + "/nn ./.\n");
            }
        }
        Files.writeString(dir.resolve("README"), "not a corpus file");
        List<Document> docs = BrownCorpus.read(dir);
        assertEquals(500, docs.size());
        assertEquals("ca01", docs.get(0).id());
        assertEquals("word a.", docs.get(0).text());
    }

    @Test
    void explainsWhatIsWrong() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> BrownCorpus.read(dir));
        assertTrue(missing.getMessage().contains("holds 0 corpus files, expected 500") && missing.getMessage().contains("fetch-data"));
        IntStream.range(0, 500).forEach(i -> write(dir.resolve(String.format("c%c%02d", (char) ('a' + i / 99), i % 99 + 1)),
                i == 7 ? "this is plain prose without any tags at all\n" : "\tx/nn\n"));
        IllegalArgumentException prose = assertThrows(IllegalArgumentException.class, () -> BrownCorpus.read(dir));
        assertTrue(prose.getMessage().contains("not a Brown corpus file"), prose.getMessage());
    }

    private static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void splitIsByDocumentDeterministicAndDisjoint() {
        List<Integer> docs = IntStream.range(0, 100).boxed().toList();
        DocumentSplit<Integer> a = DocumentSplit.of(docs, 0.05, 0.1, 3);
        DocumentSplit<Integer> b = DocumentSplit.of(docs, 0.05, 0.1, 3);
        assertEquals(a, b);
        assertEquals(5, a.validation().size());
        assertEquals(10, a.test().size());
        assertEquals(85, a.train().size());
        assertTrue(a.train().stream().noneMatch(d -> a.validation().contains(d) || a.test().contains(d)));
    }
}
