package io.jemini.multimodal.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.jemini.contrastive.data.PngImages;
import io.jemini.contrastive.data.Split;
import io.jemini.engine.random.Rng;
import io.jemini.lm.data.JsonLines;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's own documents ({@code data.source = folder}): {@code documents.jsonl} in the folder,
 * one {@code {"text": "..."}} per line, whose text places images by file name as
 * {@code <image:name.png>} wherever they belong; the PNGs (square RGB, all one size) sit in the
 * folder. Words are split on spaces and make the vocabulary. A seeded tenth of the documents
 * (at least one) is held out for evaluation. A bad line, a missing image, or an image of another
 * size or channel count is one error naming the file and line.
 */
public final class FolderDocuments implements DocumentSource {
    public static final String DOCUMENTS = "documents.jsonl";
    private static final Pattern IMAGE = Pattern.compile("<image:([^>]+)>");
    private static final String LINE_SHAPE = "{\"text\": \"... <image:a.png> ...\"}";

    private final Path folder;
    private final List<Document> train;
    private final List<Document> heldOut;
    private final Vocabulary vocabulary;
    private final int imageSize;

    private FolderDocuments(Path folder, List<Document> train, List<Document> heldOut, Vocabulary vocabulary, int imageSize) {
        this.folder = folder;
        this.train = train;
        this.heldOut = heldOut;
        this.vocabulary = vocabulary;
        this.imageSize = imageSize;
    }

    /** Reads the folder; {@code splitSeed} chooses the held-out documents. */
    public static FolderDocuments read(Path folder, long splitSeed) {
        Path file = folder.resolve(DOCUMENTS);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist; a multimodal folder holds " + DOCUMENTS
                    + " ({\"text\": \"... <image:a.png> ...\"} per line) and its PNG images");
        }
        List<List<Object>> raw = new ArrayList<>();
        LinkedHashSet<String> words = new LinkedHashSet<>();
        Map<String, float[]> images = new HashMap<>();
        int size = 0;
        for (JsonLines.Line line : JsonLines.read(file, LINE_SHAPE)) {
            String where = line.where();
            String text = text(line.node(), where);
            List<Object> parts = new ArrayList<>();
            Matcher m = IMAGE.matcher(text);
            int last = 0;
            while (m.find()) {
                addWords(text.substring(last, m.start()), parts, words);
                String name = m.group(1);
                float[] pixels = images.get(name);
                if (pixels == null) {
                    Path png = folder.resolve(name);
                    BufferedImage img = PngImages.load(png, where);
                    if (size == 0) {
                        size = img.getWidth();
                    }
                    pixels = PngImages.rgb(img, png, where, size, "like the first image");
                    images.put(name, pixels);
                }
                parts.add(pixels);
                last = m.end();
            }
            addWords(text.substring(last), parts, words);
            if (parts.stream().noneMatch(p -> p instanceof String)) {
                throw new IllegalArgumentException(where + ": the document has no words to learn");
            }
            raw.add(parts);
        }
        if (raw.size() < 2) {
            throw new IllegalArgumentException(file + ": " + raw.size() + " documents; training and evaluation need at "
                    + "least 2");
        }
        Vocabulary vocabulary = new Vocabulary(new ArrayList<>(words));
        List<Document> docs = new ArrayList<>();
        for (List<Object> parts : raw) {
            docs.add(document(parts, vocabulary));
        }
        new Rng(splitSeed).shuffle(docs);
        int held = Math.max(1, docs.size() / 10);
        return new FolderDocuments(folder, List.copyOf(docs.subList(held, docs.size())), List.copyOf(docs.subList(0, held)),
                vocabulary, size == 0 ? 32 : size);
    }

    /**
     * The size of the vocabulary {@link #read} would build, from the texts alone (no image is
     * read): for sizing a run before its data loads. A folder whose {@value #DOCUMENTS} is missing
     * or not JSON lines counts only the markers; reading it then says what is wrong.
     */
    public static int vocabularySize(Path folder) {
        LinkedHashSet<String> words = new LinkedHashSet<>();
        Path file = folder.resolve(DOCUMENTS);
        if (Files.isRegularFile(file)) {
            try {
                for (JsonLines.Line line : JsonLines.read(file, LINE_SHAPE)) {
                    JsonNode t = line.node() == null ? null : line.node().get("text");
                    if (t != null && t.isTextual()) {
                        addWords(IMAGE.matcher(t.asText()).replaceAll(" "), new ArrayList<>(), words);
                    }
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                words.clear();
            }
        }
        return new Vocabulary(new ArrayList<>(words)).size();
    }

    private static String text(JsonNode node, String where) {
        JsonNode t = node == null ? null : node.get("text");
        if (t == null || !t.isTextual() || t.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": has no non-empty string field \"text\"");
        }
        return t.asText();
    }

    private static void addWords(String text, List<Object> parts, LinkedHashSet<String> words) {
        for (String w : text.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                parts.add(w);
                words.add(w);
            }
        }
    }

    /** Words in runs between images, ending with {@code <eot>}. */
    private static Document document(List<Object> parts, Vocabulary vocabulary) {
        List<Segment> segments = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof float[] pixels) {
                if (!run.isEmpty()) {
                    segments.add(Segment.text(run.stream().mapToInt(Integer::intValue).toArray()));
                    run.clear();
                }
                segments.add(Segment.image(pixels));
            } else {
                run.add(vocabulary.id((String) p));
            }
        }
        run.add(Vocabulary.END);
        segments.add(Segment.text(run.stream().mapToInt(Integer::intValue).toArray()));
        return new Document(segments, null);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public String description() {
        return String.format(java.util.Locale.ROOT, "documents of %s: %d for training, %d held out; %d words; images %d×%d",
                folder, train.size(), heldOut.size(), vocabulary.size() - 4, imageSize, imageSize);
    }

    @Override
    public Document next(Rng rng, Split split) {
        return train.get(rng.nextInt(train.size()));
    }

    @Override
    public Document heldOut(Rng rng, Split split) {
        return heldOut.get(rng.nextInt(heldOut.size()));
    }
}
