package io.jemini.lm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's corpus: files, directories, globs and JSONL read as documents; bad bytes and lines named. */
class TextCorpusTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aDirectoryIsItsTextAndJsonlFilesInPathOrder() throws IOException {
        write("b.txt", "second file");
        write("a.txt", "\uFEFFfirst file");
        write("notes.md", "not a corpus file");
        write("sub/c.jsonl", "{\"text\": \"line one\"}\n\n{\"text\": \"line two\", \"id\": 7}\n");
        List<Document> docs = TextCorpus.read(dir.toString());
        assertEquals(List.of("first file", "second file", "line one", "line two"), docs.stream().map(Document::text).toList());
        assertEquals(dir.resolve("sub/c.jsonl") + ":3", docs.get(3).id(), "a JSONL document is named by file and line");
    }

    @Test
    void aGlobSelectsFiles() throws IOException {
        for (String n : new String[] {"x1.txt", "x2.txt", "x3.txt", "y.txt"}) {
            write("c/" + n, "text of " + n);
        }
        List<Document> docs = TextCorpus.read(dir + "/c/x*.txt");
        assertEquals(3, docs.size());
        assertTrue(docs.stream().noneMatch(d -> d.text().contains("y.txt")));
    }

    @Test
    void badInputIsNamedWithFileAndLine() throws IOException {
        Path latin = dir.resolve("latin.txt");
        Files.write(latin, "ok line\ncaf\u00e9 au lait\n".getBytes(StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(latin.toString()));
        assertTrue(e.getMessage().startsWith(latin + ":2: not UTF-8"), e.getMessage());

        Path jsonl = write("bad.jsonl", "{\"text\": \"fine\"}\n{\"text\": 3}\n");
        e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(jsonl.toString()));
        assertTrue(e.getMessage().equals(jsonl + ":2: has no string field \"text\"; each line is {\"text\": \"...\"}"),
                e.getMessage());
        Path broken = write("broken.jsonl", "{\"text\": \"fine\"}\n{\"text\": \"unterminated}\n");
        e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(broken.toString()));
        assertTrue(e.getMessage().startsWith(broken + ":2: not a JSON object"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(dir.resolve("missing").toString()));
        assertTrue(e.getMessage().endsWith("missing does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(dir + "/*.nothing"));
        assertTrue(e.getMessage().endsWith("matches no .txt or .jsonl file"), e.getMessage());
        Path two = write("two.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n");
        e = assertThrows(IllegalArgumentException.class, () -> TextCorpus.read(two.toString()));
        assertTrue(e.getMessage().contains("holds 2 non-empty documents"), e.getMessage());
    }
}
