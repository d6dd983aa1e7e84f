package io.jemini.lm.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A user's own corpus ({@code data.source = text}): {@code data.path} names a {@code .txt} or
 * {@code .jsonl} file, a directory (its {@code .txt} and {@code .jsonl} files, recursively), or a
 * glob such as {@code corpus/*.txt}. A {@code .txt} file is one document; each non-blank line of a
 * {@code .jsonl} file is one document, its {@code "text"} field. Files are read in path order as
 * strict UTF-8; a bad byte or line is an error naming the file and line.
 */
public final class TextCorpus {
    private TextCorpus() {
    }

    public static List<Document> read(String path) {
        List<Path> files = files(path);
        List<Document> docs = new ArrayList<>();
        for (Path f : files) {
            String text = utf8(f);
            if (f.getFileName().toString().endsWith(".jsonl")) {
                lines(f, text, docs);
            } else if (!text.isBlank()) {
                docs.add(new Document(f.toString(), text));
            }
        }
        if (docs.size() < 3) {
            throw new IllegalArgumentException("data.path = " + path + " holds " + docs.size() + " non-empty documents; "
                    + "training, validation and test need at least 3 (one .txt file or one .jsonl line each)");
        }
        return docs;
    }

    /** The corpus files {@code path} names, sorted; fails when it names none. */
    static List<Path> files(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("data.path is not set; with data.source text it names a .txt or .jsonl file, "
                    + "a directory of them, or a glob such as corpus/*.txt");
        }
        Path p = Path.of(path);
        List<Path> found;
        if (Files.isRegularFile(p)) {
            found = List.of(p);
        } else if (Files.isDirectory(p)) {
            found = walk(p, TextCorpus::isCorpusFile);
        } else {
            int wild = firstWildcard(path);
            if (wild < 0) {
                throw new IllegalArgumentException("data.path = " + path + " does not exist");
            }
            String prefix = path.substring(0, path.lastIndexOf('/', wild) + 1);
            Path base = prefix.isEmpty() ? Path.of(".") : Path.of(prefix);
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path);
            found = Files.isDirectory(base)
                    ? walk(base, f -> matcher.matches(prefix.isEmpty() ? base.relativize(f) : f)) : List.of();
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("data.path = " + path + " matches no .txt or .jsonl file");
        }
        return found;
    }

    private static boolean isCorpusFile(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith(".txt") || name.endsWith(".jsonl");
    }

    private static int firstWildcard(String path) {
        for (int i = 0; i < path.length(); i++) {
            if ("*?[{".indexOf(path.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> walk(Path dir, Predicate<Path> keep) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** The file as strict UTF-8 (a leading byte-order mark dropped). */
    static String utf8(Path f) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot read (" + e.getMessage() + ")");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            int at = in.position();
            throw new IllegalArgumentException(f + ":" + lineOf(bytes, at) + ": not UTF-8 (byte " + at + " starts "
                    + e.getInputLength() + " malformed byte" + (e.getInputLength() == 1 ? "" : "s")
                    + "); convert the file, e.g. iconv -f latin1 -t utf-8");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(f + ": not UTF-8 (" + e.getMessage() + ")");
        }
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static void lines(Path f, String text, List<Document> docs) {
        for (JsonLines.Line line : JsonLines.parse(f, text, "{\"text\": \"...\"}")) {
            JsonNode t = line.node() == null ? null : line.node().get("text");
            if (t == null || !t.isTextual()) {
                throw new IllegalArgumentException(line.where() + ": has no string field \"text\"; each line is "
                        + "{\"text\": \"...\"}");
            }
            if (!t.asText().isBlank()) {
                docs.add(new Document(line.where(), t.asText()));
            }
        }
    }
}
