package io.jemini.contrastive.data;

/**
 * An image–caption pair of any source with the labels the localisation metrics need.
 *
 * @param image       {@code [size, size, 3]} in [0, 1]
 * @param pixelObject object index of each pixel, -1 for background
 * @param objects     how many objects {@code pixelObject} refers to
 * @param wordObject  for each caption word, the object it names if it is a content word (an
 *                    attribute or a category), else -1
 * @param objectClass each object's class among the source's class prompts, -1 when it has none
 * @param key         pairs with equal keys have interchangeable captions (a retrieval hit)
 */
public record LabelledPair(float[] image, int size, String caption, int[] pixelObject, int objects, int[] wordObject,
                           int[] objectClass, String key) {
    /** Object per square patch of side {@code patch}: an object covering at least half of it, else -1. */
    public int[] patchObject(int patch) {
        int grid = size / patch;
        int[] labels = new int[grid * grid];
        int[] count = new int[Math.max(1, objects)];
        for (int py = 0; py < grid; py++) {
            for (int px = 0; px < grid; px++) {
                java.util.Arrays.fill(count, 0);
                for (int y = 0; y < patch; y++) {
                    for (int x = 0; x < patch; x++) {
                        int o = pixelObject[(py * patch + y) * size + px * patch + x];
                        if (o >= 0) {
                            count[o]++;
                        }
                    }
                }
                int label = -1;
                for (int o = 0; o < objects; o++) {
                    if (count[o] * 2 >= patch * patch) {
                        label = o;
                    }
                }
                labels[py * grid + px] = label;
            }
        }
        return labels;
    }

    /** {@link #wordObject} cut or padded (with -1) to a caption length of {@code maxCaption} tokens. */
    public int[] tokenObject(int maxCaption) {
        int[] out = new int[maxCaption];
        java.util.Arrays.fill(out, -1);
        System.arraycopy(wordObject, 0, out, 0, Math.min(maxCaption, wordObject.length));
        return out;
    }
}
