package io.jemini.lm.data;

/** One document of a text corpus: where it came from (a file name, or file and line) and its text. */
public record Document(String id, String text) {
}
