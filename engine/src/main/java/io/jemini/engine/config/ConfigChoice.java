package io.jemini.engine.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A config value chosen from a fixed set: an enum whose JSON form is its lower-case name
 * ({@code PER_TOKEN} is {@code "per_token"}). The config reader accepts only those names and
 * lists them when it refuses another, so a use site can switch over every choice exhaustively.
 */
public interface ConfigChoice {
    /** The value as written in a config. */
    @JsonValue
    default String key() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The choice of {@code type} whose key is {@code key}; refuses any other naming the allowed keys. */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not allowed; allowed: " + String.join(", ", keys(type)));
    }

    /** Every key of a choice type, in declaration order. */
    static List<String> keys(Class<?> choice) {
        return Arrays.stream(choice.getEnumConstants()).map(c -> ((ConfigChoice) c).key()).toList();
    }
}
