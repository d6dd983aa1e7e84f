package io.jemini.lm.ruler;

import io.jemini.engine.config.ConfigChoice;

/**
 * The synthetic long-context tasks after RULER (Hsieh et al. 2024), by RULER's names: retrieval
 * (single needles over noise or essay text with number, word-keyed or UUID values; several keys;
 * several values; several queries), multi-hop tracing (variable tracking) and aggregation (common
 * and frequent words). RULER's question-answering tasks need SQuAD/HotpotQA, which these machines
 * do not have.
 */
public enum RulerTask implements ConfigChoice {
    /** One number under a word key in repeated noise sentences. */
    NIAH_SINGLE_1("retrieval"),
    /** One number under a word key in essay text (held-out corpus documents). */
    NIAH_SINGLE_2("retrieval"),
    /** One UUID under a word key in essay text. */
    NIAH_SINGLE_3("retrieval"),
    /** Four needles with distinct word keys in essay text; one is asked for. */
    NIAH_MULTIKEY_1("retrieval"),
    /** A haystack made only of needles (word keys, numbers); one is asked for. */
    NIAH_MULTIKEY_2("retrieval"),
    /** A haystack made only of needles whose keys and values are UUIDs; one is asked for. */
    NIAH_MULTIKEY_3("retrieval"),
    /** Four numbers under one key; all four are asked for, in the order they appear. */
    NIAH_MULTIVALUE("retrieval"),
    /** Four needles with distinct keys; all four are asked for at once. */
    NIAH_MULTIQUERY("retrieval"),
    /** A chain of five variables ({@code VAR B = VAR A}) from one value in noise text; all five are asked for. */
    VT("multi-hop tracing"),
    /** A list of words in which three appear far more often than the rest; the three are asked for. */
    CWE("aggregation"),
    /** Coded words drawn from a Zipf distribution (α = 2); the three most frequent are asked for. */
    FWE("aggregation");

    private final String family;

    RulerTask(String family) {
        this.family = family;
    }

    /** Retrieval, multi-hop tracing or aggregation. */
    public String family() {
        return family;
    }
}
