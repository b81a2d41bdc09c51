package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.RequestFailureMessage;

/**
 * Failure message of a message assertion on something that is not a received message: {@code null}, or the
 * {@link RequestFailureMessage} that jnats returns in place of a reply.
 */
final class ShouldBeReceivedMessage extends NatsErrorMessage {

    private ShouldBeReceivedMessage(String text) {
        super(text);
    }

    static ShouldBeReceivedMessage shouldBeReceivedMessage(Message message) {
        String evidence;
        if (message == null) {
            evidence = "but it was null, which jnats request(...) returns when no reply arrives in time, and also"
                    + " when no responders are subscribed unless the connection sets advancedRequestBehavior()";
        } else {
            RequestFailureMessage failure = (RequestFailureMessage) message;
            evidence = "but it is what jnats returns in place of a reply when a request fails, here with reason "
                    + failure.getReason();
        }
        return new ShouldBeReceivedMessage(lines(
                "Expecting message:",
                MessageText.INDENT + MessageText.describe(message),
                "to be a message that arrived",
                evidence));
    }
}
