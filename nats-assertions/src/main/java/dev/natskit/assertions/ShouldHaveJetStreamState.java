package dev.natskit.assertions;

import java.time.Duration;

/** Failure message of the stream and consumer assertions, which compare the state the server reported. */
final class ShouldHaveJetStreamState extends NatsErrorMessage {

    private ShouldHaveJetStreamState(String text) {
        super(text);
    }

    /**
     * @param noun {@code stream} or {@code consumer}
     * @param actual the last state read, already rendered, on one or more indented lines
     * @param expectation the verb phrase without its colon, such as {@code to have message count}
     * @param expected the expected value, already rendered
     * @param timeout how long the assertion re-read the state, or null when it read it once
     * @param evidence the rest of the message from {@code but}
     */
    static ShouldHaveJetStreamState shouldHave(
            String noun, String actual, String expectation, String expected, Duration timeout, String evidence) {
        String within = timeout == null ? "" : " within " + MessageText.duration(timeout);
        return new ShouldHaveJetStreamState(lines(
                "Expecting " + noun + ":",
                MessageText.INDENT + actual,
                expectation + ":",
                MessageText.INDENT + expected + within,
                evidence));
    }

    /** Returns {@code but had:} followed by the value on its own indented line. */
    static String butHad(String actual) {
        return "but had:\n" + MessageText.INDENT + actual;
    }

    /** Returns the evidence for a stream or consumer that the server did not find. */
    static String butNotFound(String reason) {
        return "but the server did not find it: " + reason;
    }
}
