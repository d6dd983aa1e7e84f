package io.jemini.lm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jemini.lm.text.ByteBpeTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Jemini's byte-level BPE as a Hugging Face {@code tokenizer.json}: a {@code Split} pre-tokenizer
 * with Jemini's chunk pattern, GPT-2's byte-to-character map ({@code ByteLevel}, its own regex
 * off), a BPE model whose vocabulary keeps Jemini's ids (bytes 0–255, then one id per merge, then
 * {@code <|endoftext|>} as a special token) and merges in rank order. Reading accepts exactly that
 * layout, so a tokenizer survives export and import unchanged.
 */
public final class HfTokenizerFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final char[] BYTE_CHAR = byteChars();

    private HfTokenizerFile() {
    }

    /** GPT-2's printable stand-in for each byte: printable Latin-1 as itself, the rest from U+0100 on. */
    private static char[] byteChars() {
        char[] out = new char[256];
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = printable ? (char) b : (char) (256 + next++);
        }
        return out;
    }

    private static String text(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(BYTE_CHAR[b & 0xFF]);
        }
        return sb.toString();
    }

    public static void write(ByteBpeTokenizer tok, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ObjectNode eot = root.putArray("added_tokens").addObject();
        eot.put("id", tok.endOfText()).put("content", ByteBpeTokenizer.END_OF_TEXT).put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", ByteBpeTokenizer.chunkPattern());
        split.put("behavior", "Isolated").put("invert", false);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", false);
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        Map<String, Integer> seen = new HashMap<>();
        for (int id = 0; id < tok.endOfText(); id++) {
            String t = text(tok.bytes(id));
            Integer earlier = seen.putIfAbsent(t, id);
            if (earlier != null) {
                throw new IllegalArgumentException("tokens " + earlier + " and " + id + " spell the same bytes ('" + t
                        + "'); a Hugging Face BPE vocabulary maps each string to one id, so this tokenizer cannot be written "
                        + "in its format");
            }
            vocab.put(t, id);
        }
        vocab.put(ByteBpeTokenizer.END_OF_TEXT, tok.endOfText());
        ArrayNode merges = model.putArray("merges");
        for (int[] m : tok.merges()) {
            merges.add(text(tok.bytes(m[0])) + " " + text(tok.bytes(m[1])));
        }
        try {
            Files.write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a tokenizer written by {@link #write}; any other layout is refused, naming what differs. */
    public static ByteBpeTokenizer read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getMessage() + ")");
        }
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText()) || !model.path("vocab").isObject() || !model.path("merges").isArray()) {
            throw new IllegalArgumentException(file + ": not a BPE tokenizer.json (model.type, vocab and merges)");
        }
        if (!ByteBpeTokenizer.chunkPattern().equals(root.at("/pre_tokenizer/pretokenizers/0/pattern/Regex").asText())) {
            throw new IllegalArgumentException(file + ": its pre-tokenizer is not Jemini's byte-level split ("
                    + ByteBpeTokenizer.chunkPattern() + "); Jemini reads the tokenizers it exports");
        }
        Map<String, Integer> ids = new HashMap<>();
        model.get("vocab").fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
        for (int b = 0; b < 256; b++) {
            Integer id = ids.get(String.valueOf(BYTE_CHAR[b]));
            if (id == null || id != b) {
                throw new IllegalArgumentException(file + ": byte " + b + " is id " + id + "; Jemini's layout has byte b "
                        + "as id b");
            }
        }
        JsonNode list = model.get("merges");
        int[][] merges = new int[list.size()][];
        for (int i = 0; i < merges.length; i++) {
            String m = list.get(i).isArray() ? list.get(i).get(0).asText() + " " + list.get(i).get(1).asText()
                    : list.get(i).asText();
            int space = m.indexOf(' ');
            Integer a = space < 0 ? null : ids.get(m.substring(0, space));
            Integer b = space < 0 ? null : ids.get(m.substring(space + 1));
            Integer joined = space < 0 ? null : ids.get(m.substring(0, space) + m.substring(space + 1));
            if (a == null || b == null || joined == null || joined != 256 + i) {
                throw new IllegalArgumentException(file + ": merge " + i + " ('" + m + "') does not make id " + (256 + i)
                        + " from two known tokens; Jemini's layout numbers merges after the bytes, in rank order");
            }
            merges[i] = new int[] {a, b};
        }
        ByteBpeTokenizer tok = ByteBpeTokenizer.of(merges);
        Integer eot = ids.get(ByteBpeTokenizer.END_OF_TEXT);
        if (eot == null || eot != tok.endOfText() || ids.size() != tok.vocabSize()) {
            throw new IllegalArgumentException(file + ": " + ByteBpeTokenizer.END_OF_TEXT + " must be the last id, "
                    + tok.endOfText() + ", of " + tok.vocabSize() + " (got " + eot + " of " + ids.size() + ")");
        }
        return tok;
    }
}
