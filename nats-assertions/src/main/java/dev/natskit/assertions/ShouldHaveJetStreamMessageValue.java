package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;

/** Failure messages of {@link JetStreamMessageAssert} on a message that carries JetStream metadata. */
final class ShouldHaveJetStreamMessageValue extends NatsErrorMessage {

    private ShouldHaveJetStreamMessageValue(String text) {
        super(text);
    }

    /** For the assertions that compare one value of the metadata, such as {@code hasDeliveryCount}. */
    static ShouldHaveJetStreamMessageValue shouldHave(
            Message message, NatsJetStreamMetaData metadata, String property, String expected, String actual) {
        return new ShouldHaveJetStreamMessageValue(lines(
                "Expecting JetStream message:",
                describe(message, metadata),
                "to have " + property + ":",
                MessageText.INDENT + expected,
                "but had:",
                MessageText.INDENT + actual));
    }

    /** For {@code isRedelivered} and {@code isNotRedelivered}. */
    static ShouldHaveJetStreamMessageValue shouldBeRedelivered(
            Message message, NatsJetStreamMetaData metadata, boolean expected) {
        String evidence = expected
                ? "but it was the first delivery (delivery count 1)"
                : "but it was delivery number " + metadata.deliveredCount();
        return new ShouldHaveJetStreamMessageValue(lines(
                "Expecting JetStream message:",
                describe(message, metadata),
                expected ? "to be redelivered" : "to not be redelivered",
                evidence));
    }

    private static String describe(Message message, NatsJetStreamMetaData metadata) {
        return MessageText.INDENT + MessageText.describe(message) + "\n" + MessageText.INDENT
                + JetStreamText.metadata(metadata);
    }
}
