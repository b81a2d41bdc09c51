package dev.natskit.assertions;

import io.nats.client.Message;
import java.time.Duration;
import java.util.List;

/** Failure message of a recorder that received too few or too many messages. */
final class ShouldReceiveMessages extends NatsErrorMessage {

    private ShouldReceiveMessages(String text) {
        super(text);
    }

    /** For {@code receives(n)}: fewer than {@code expected} messages arrived before the deadline. */
    static ShouldReceiveMessages shouldReceiveAtLeast(
            MessageRecorder recorder, int expected, Duration timeout, List<Message> received) {
        return new ShouldReceiveMessages(lines(
                "Expecting subscription:",
                MessageText.INDENT + recorder.describeSubscription(),
                "to receive at least:",
                MessageText.INDENT + MessageText.messages(expected) + " within " + MessageText.duration(timeout),
                evidence(received)));
    }

    /** For {@code hasReceived(n)} and {@code hasReceivedNothing()}: the count differs right now. */
    static ShouldReceiveMessages shouldHaveReceivedExactly(
            MessageRecorder recorder, int expected, List<Message> received) {
        return new ShouldReceiveMessages(lines(
                "Expecting subscription:",
                MessageText.INDENT + recorder.describeSubscription(),
                "to have received exactly:",
                MessageText.INDENT + MessageText.messages(expected),
                evidence(received)));
    }

    private static String evidence(List<Message> received) {
        if (received.isEmpty()) {
            return "but received no messages";
        }
        return "but received " + MessageText.messages(received.size()) + ":\n" + MessageText.numbered(received, 1);
    }
}
