package io.jemini.multimodal.data;

import java.util.Locale;

/** The visual questions, each answered by one word. */
public enum QuestionType {
    /** "what colour is the circle ?" about an object whose category is unique in the scene. */
    COLOUR,
    /** "what shape is the red object ?" (Fashion-MNIST: "what is the red object ?") about an object whose colour is unique. */
    CATEGORY,
    /** "how many objects ?", counting every object drawn (distractors too). */
    COUNT,
    /** "is there a red circle ?", half of them about an object that is there. */
    EXISTS,
    /** "is the red circle left of the blue square ?" for two objects at least 4 pixels apart. */
    LEFT,
    /**
     * After three pictures, each introduced by "picture one :" …, "which picture has the red
     * circle ?" about an object in exactly one of them (only with gallery documents).
     */
    WHICH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
