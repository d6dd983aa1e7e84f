package io.jemini.multimodal.data;

import io.jemini.engine.ops.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Documents packed into {@code batch} sequences of {@code length} positions: an image takes
 * {@code <img>}, one position per patch in raster order, and {@code </img>}; text takes one
 * position per word. {@code tokens} holds the word at every text position ({@code <pad>} at
 * patches and after the last document); {@code patches} the patch pixels ({@code patch·patch·3}
 * values each, rows then columns then channels) and {@code patchPositions} where each sits.
 * {@code targets} are the next word wherever the next position is a word — neither a patch, an
 * image marker, nor padding — and {@link Losses#IGNORE_INDEX} elsewhere, so the loss is on text
 * alone and images are context.
 */
public record PackedBatch(int batch, int length, int[] tokens, int[] targets, int[] patchPositions, float[] patches,
                          int patchDim) {
    /** How many positions a document takes with images of {@code imageSize} cut into {@code patch}-pixel patches. */
    public static int positions(Document d, int imageSize, int patch) {
        int n = 0;
        for (Segment s : d.segments()) {
            n += s.isImage() ? 2 + (imageSize / patch) * (imageSize / patch) : s.tokens().length;
        }
        return n;
    }

    /**
     * Fills {@code batch} sequences from {@code documents} in order, each sequence with as many
     * whole documents as fit; a document that does not fit starts the next sequence. When the
     * documents run out, the rest is padding.
     */
    public static PackedBatch pack(Iterator<Document> documents, int batch, int length, int imageSize, int patch) {
        int grid = imageSize / patch;
        int perImage = grid * grid;
        int[] tokens = new int[batch * length];
        boolean[] patchAt = new boolean[batch * length];
        int[] positions = new int[batch * length];
        int patches = 0;
        List<float[]> images = new ArrayList<>();
        Document carried = null;
        for (int b = 0; b < batch; b++) {
            int t = 0;
            while (carried != null || documents.hasNext()) {
                Document d = carried != null ? carried : documents.next();
                carried = null;
                int need = positions(d, imageSize, patch);
                if (need > length) {
                    throw new IllegalArgumentException("a document of " + need + " positions does not fit a sequence of "
                            + length + " (model.seq_len)");
                }
                if (t + need > length) {
                    carried = d;
                    break;
                }
                for (Segment s : d.segments()) {
                    if (s.isImage()) {
                        checkSize(s.image(), imageSize);
                        images.add(s.image());
                        tokens[b * length + t++] = Vocabulary.IMAGE_START;
                        for (int k = 0; k < perImage; k++) {
                            patchAt[b * length + t] = true;
                            positions[patches++] = b * length + t++;
                        }
                        tokens[b * length + t++] = Vocabulary.IMAGE_END;
                    } else {
                        for (int id : s.tokens()) {
                            tokens[b * length + t++] = id;
                        }
                    }
                }
            }
        }
        int[] targets = new int[batch * length];
        Arrays.fill(targets, Losses.IGNORE_INDEX);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t + 1 < length; t++) {
                int next = b * length + t + 1;
                int word = tokens[next];
                if (!patchAt[next] && word != Vocabulary.PAD && word != Vocabulary.IMAGE_START
                        && word != Vocabulary.IMAGE_END) {
                    targets[next - 1] = word;
                }
            }
        }
        int dim = patch * patch * 3;
        float[] flat = new float[images.size() * perImage * dim];
        for (int i = 0; i < images.size(); i++) {
            copyPatches(images.get(i), imageSize, patch, flat, i * perImage * dim);
        }
        return new PackedBatch(batch, length, tokens, targets, Arrays.copyOf(positions, patches),
                flat, dim);
    }

    /**
     * Sequences {@code [from, to)} of this batch as a batch of their own (a micro-batch): their
     * tokens, targets, and the patches that sit in them, renumbered.
     */
    public PackedBatch rows(int from, int to) {
        int lo = from * length;
        int hi = to * length;
        int first = 0;
        while (first < patchPositions.length && patchPositions[first] < lo) {
            first++;
        }
        int last = first;
        while (last < patchPositions.length && patchPositions[last] < hi) {
            last++;
        }
        int[] positions = new int[last - first];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = patchPositions[first + i] - lo;
        }
        return new PackedBatch(to - from, length, Arrays.copyOfRange(tokens, lo, hi), Arrays.copyOfRange(targets, lo, hi),
                positions, Arrays.copyOfRange(patches, first * patchDim, last * patchDim), patchDim);
    }

    /** One document as a single sequence of exactly its own length (a prompt to continue). */
    public static PackedBatch single(Document d, int imageSize, int patch) {
        int n = positions(d, imageSize, patch);
        return pack(List.of(d).iterator(), 1, n, imageSize, patch);
    }

    private static void checkSize(float[] image, int size) {
        if (image.length != size * size * 3) {
            throw new IllegalArgumentException("an image of " + image.length + " values is not " + size + "×" + size
                    + "×3");
        }
    }

    /**
     * Writes an image's patches into {@code out} from {@code offset}, in raster order, each
     * {@code patch·patch·3} values, rows then columns then channels.
     */
    private static void copyPatches(float[] image, int size, int patch, float[] out, int offset) {
        int grid = size / patch;
        int row = patch * 3;
        for (int py = 0; py < grid; py++) {
            for (int px = 0; px < grid; px++) {
                for (int y = 0; y < patch; y++) {
                    System.arraycopy(image, ((py * patch + y) * size + px * patch) * 3, out, offset, row);
                    offset += row;
                }
            }
        }
    }
}
