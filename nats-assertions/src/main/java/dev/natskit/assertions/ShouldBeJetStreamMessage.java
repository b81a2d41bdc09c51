package dev.natskit.assertions;

import io.nats.client.Message;

/** Failure message of a JetStream message assertion on a message without JetStream metadata, or on null. */
final class ShouldBeJetStreamMessage extends NatsErrorMessage {

    private ShouldBeJetStreamMessage(String text) {
        super(text);
    }

    static ShouldBeJetStreamMessage shouldBeJetStreamMessage(Message message) {
        String evidence;
        if (message == null) {
            evidence = "but it was null, which jnats nextMessage(...) returns when no message arrives in time";
        } else {
            String replyTo = message.getReplyTo() == null
                    ? "no reply subject"
                    : "the reply subject " + MessageText.quote(message.getReplyTo());
            evidence = "but it had " + replyTo + ", while a consumer delivers with a reply subject that starts with "
                    + JetStreamMetadata.ACK_PREFIX + " and carries the stream sequence and delivery count";
        }
        return new ShouldBeJetStreamMessage(lines(
                "Expecting message:",
                MessageText.INDENT + MessageText.describe(message),
                "to be a message that a JetStream consumer delivered",
                evidence));
    }
}
