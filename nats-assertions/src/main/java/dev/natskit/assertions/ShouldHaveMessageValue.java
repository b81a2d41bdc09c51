package dev.natskit.assertions;

import io.nats.client.Message;

/** Failure message of {@code hasSubject}, {@code hasData} and {@code hasHeader} on one message. */
final class ShouldHaveMessageValue extends NatsErrorMessage {

    private ShouldHaveMessageValue(String text) {
        super(text);
    }

    /**
     * @param property what the message should have, such as {@code subject} or {@code data}
     * @param expected the expected value, already rendered
     * @param evidence the rest of the message from {@code but}, such as {@code but had:\n  "x"}
     */
    static ShouldHaveMessageValue shouldHave(Message message, String property, String expected, String evidence) {
        return new ShouldHaveMessageValue(lines(
                "Expecting message:",
                MessageText.INDENT + MessageText.describe(message),
                "to have " + property + ":",
                MessageText.INDENT + expected,
                evidence));
    }

    /** Returns {@code but had:} followed by the rendered value on its own indented line. */
    static String butHad(String actual) {
        return "but had:\n" + MessageText.INDENT + actual;
    }
}
