package dev.natskit.assertions;

import io.nats.client.api.PublishAck;

/** Failure messages of {@link PublishAckAssert}. */
final class ShouldHavePublishAck extends NatsErrorMessage {

    private ShouldHavePublishAck(String text) {
        super(text);
    }

    /** For {@code hasStream} and {@code hasSequence}: the ack names another stream or sequence. */
    static ShouldHavePublishAck shouldHave(PublishAck ack, String property, String expected, String actual) {
        return new ShouldHavePublishAck(lines(
                "Expecting publish ack:",
                MessageText.INDENT + JetStreamText.publishAck(ack),
                "to have " + property + ":",
                MessageText.INDENT + expected,
                ack == null ? "but it was null" : "but had:\n" + MessageText.INDENT + actual));
    }

    /** For {@code isDuplicate} and {@code isNotDuplicate}. */
    static ShouldHavePublishAck shouldBeDuplicate(PublishAck ack, boolean expected) {
        String evidence;
        if (ack == null) {
            evidence = "but it was null";
        } else if (expected) {
            evidence = "but the stream stored the message as new at sequence " + ack.getSeqno()
                    + ", so no earlier message with the same Nats-Msg-Id header was within the duplicate window";
        } else {
            evidence = "but the stream did not store it, because the message at sequence " + ack.getSeqno()
                    + " had the same Nats-Msg-Id header within the duplicate window";
        }
        return new ShouldHavePublishAck(lines(
                "Expecting publish ack:",
                MessageText.INDENT + JetStreamText.publishAck(ack),
                expected ? "to be a duplicate" : "to not be a duplicate",
                evidence));
    }
}
