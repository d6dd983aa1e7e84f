package io.jemini.multimodal.data;

/**
 * Digits drawn as seven-segment glyphs into a square RGB image (no font needed): each digit a
 * 6×12 cell of 2-pixel strokes, the code centred, white on a dark tint. A needle frame of the
 * cross-modal haystack shows one.
 */
public final class SevenSegment {
    /** Segments a–g per digit, bit 0 = a (top) … bit 6 = g (middle), clockwise from the top. */
    private static final int[] SEGMENTS = {0b0111111, 0b0000110, 0b1011011, 0b1001111, 0b1100110, 0b1101101, 0b1111101,
        0b0000111, 0b1111111, 0b1101111};
    private static final int WIDTH = 6;
    private static final int HEIGHT = 12;
    private static final int GAP = 2;

    private SevenSegment() {
    }

    /** The {@code size}×{@code size} image of {@code digits} (each 0–9), 1 to 4 of them, in at least 32 pixels. */
    public static float[] draw(int[] digits, int size) {
        if (digits.length < 1 || digits.length > 4 || size < 32) {
            throw new IllegalArgumentException("a code of " + digits.length + " digits does not fit " + size
                    + " pixels (1 to 4 digits, at least 32 pixels)");
        }
        float[] image = new float[size * size * 3];
        for (int i = 0; i < size * size; i++) {
            image[i * 3 + 2] = 0.25f;
        }
        int total = digits.length * WIDTH + (digits.length - 1) * GAP;
        int x0 = (size - total) / 2;
        int y0 = (size - HEIGHT) / 2;
        for (int k = 0; k < digits.length; k++) {
            int on = SEGMENTS[digits[k]];
            int x = x0 + k * (WIDTH + GAP);
            int[][] boxes = {
                {x, y0, WIDTH, 2}, {x + WIDTH - 2, y0, 2, HEIGHT / 2 + 1}, {x + WIDTH - 2, y0 + HEIGHT / 2 - 1, 2, HEIGHT / 2 + 1},
                {x, y0 + HEIGHT - 2, WIDTH, 2}, {x, y0 + HEIGHT / 2 - 1, 2, HEIGHT / 2 + 1}, {x, y0, 2, HEIGHT / 2 + 1},
                {x, y0 + HEIGHT / 2 - 1, WIDTH, 2},
            };
            for (int s = 0; s < 7; s++) {
                if ((on >> s & 1) == 1) {
                    fill(image, size, boxes[s]);
                }
            }
        }
        return image;
    }

    private static void fill(float[] image, int size, int[] box) {
        for (int y = box[1]; y < box[1] + box[3]; y++) {
            for (int x = box[0]; x < box[0] + box[2]; x++) {
                int p = (y * size + x) * 3;
                image[p] = 1f;
                image[p + 1] = 1f;
                image[p + 2] = 1f;
            }
        }
    }
}
