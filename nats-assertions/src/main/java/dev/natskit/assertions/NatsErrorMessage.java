package dev.natskit.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * Base of this package's failure message factories: a subclass renders the whole text, and AssertJ adds the
 * description set with {@code as(...)} in front of it.
 *
 * <p>Every message follows AssertJ's grammar: a line {@code Expecting <what>:} with the actual value indented below
 * it, then {@code to <verb phrase>:} with the expected value, then {@code but <evidence>} with what did arrive.
 */
abstract class NatsErrorMessage extends BasicErrorMessageFactory {

    NatsErrorMessage(String text) {
        // The text goes in as an argument, so a '%' in subjects or data is never read as a format directive.
        super("%s", unquotedString(text));
    }

    /** Joins lines with line feeds and starts with one, as AssertJ's messages do, so the block starts on its own line. */
    static String lines(String... lines) {
        return "\n" + String.join("\n", lines);
    }
}
