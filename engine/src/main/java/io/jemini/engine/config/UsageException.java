package io.jemini.engine.config;

/**
 * Something the user named on the command line is not what the command needs (a path that is
 * not a run directory, an attribute value of the wrong type): a usage error, exit code 2.
 */
public class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
