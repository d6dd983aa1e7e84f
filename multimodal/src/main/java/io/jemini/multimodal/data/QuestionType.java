package io.jemini.multimodal.data;

/** The visual questions, each with a one-word answer among {@code answers} choices (uniform chance is 1/answers). */
public enum QuestionType {
    /** "what colour is the circle ?" about an object whose shape is unique in the scene. */
    COLOUR(6),
    /** "what shape is the red object ?" about an object whose colour is unique. */
    SHAPE(5),
    /** "how many objects ?", counting every object drawn (distractors too). */
    COUNT(4),
    /** "is there a red circle ?", half of them about an object that is there. */
    EXISTS(2),
    /** "is the red circle left of the blue square ?" for two objects at least 4 pixels apart. */
    LEFT(2),
    /**
     * After three pictures, each introduced by "picture one :" …, "which picture has the red
     * circle ?" about an object in exactly one of them (only with gallery documents).
     */
    WHICH(3);

    private final int answers;

    QuestionType(int answers) {
        this.answers = answers;
    }

    /** The chance of a uniform guess. */
    public double chance() {
        return 1.0 / answers;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
