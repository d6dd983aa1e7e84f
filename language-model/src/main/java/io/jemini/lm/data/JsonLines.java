package io.jemini.lm.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONL file read strictly: UTF-8 (a bad byte is named by file and line), one JSON object per
 * non-blank line, each returned with {@code file:line} for the caller's own messages.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One non-blank line: where it is ({@code file:line}) and its JSON. */
    public record Line(String where, JsonNode node) {
    }

    private JsonLines() {
    }

    /** The file's lines; {@code shape} shows what a line should look like in the error for one that is not JSON. */
    public static List<Line> read(Path file, String shape) {
        return parse(file, TextCorpus.utf8(file), shape);
    }

    static List<Line> parse(Path file, String text, String shape) {
        String[] lines = text.split("\n", -1);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": not a JSON object (" + e.getOriginalMessage()
                        + "); each line is " + shape);
            }
            out.add(new Line(where, node));
        }
        return out;
    }
}
