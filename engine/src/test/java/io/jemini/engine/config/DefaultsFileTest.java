package io.jemini.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A task's defaults file must give every key by name and nothing else. */
class DefaultsFileTest {
    /** A small config type for the test. */
    public record Small(int steps, Section section) {
        public record Section(double lr, String name) {
        }
    }

    @Test
    void aCompleteFileGivesTheDefaults() {
        Small s = ConfigReader.defaults(Small.class, "small-defaults.json");
        assertEquals(new Small(3, new Small.Section(0.5, "x")), s);
    }

    @Test
    void aMissingOrUnknownKeyIsAProgrammingErrorNamingIt() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ConfigReader.defaults(Small.class, "small-defaults-missing.json"));
        assertTrue(missing.getMessage().contains("section.name has no default"), missing.getMessage());
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> ConfigReader.defaults(Small.class, "small-defaults-unknown.json"));
        assertTrue(unknown.getMessage().contains("unknown key 'section.rate'"), unknown.getMessage());
    }
}
