package io.jemini.experts.routing;

import io.jemini.engine.config.ConfigChoice;

/** How assignments reach the experts ({@code moe.dispatch}): every one kept, or at most an expert capacity with dropping. */
public enum Dispatch implements ConfigChoice {
    DROPLESS, CAPACITY
}
