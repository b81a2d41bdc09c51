package dev.natskit.assertions;

import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Failure message of {@code receivesRedelivery}: no second delivery of the message arrived before the deadline. */
final class ShouldReceiveRedelivery extends NatsErrorMessage {

    private ShouldReceiveRedelivery(String text) {
        super(text);
    }

    static ShouldReceiveRedelivery shouldReceiveRedelivery(
            MessageRecorder recorder, long streamSequence, Duration timeout, List<Message> received) {
        return new ShouldReceiveRedelivery(lines(
                "Expecting subscription:",
                MessageText.INDENT + recorder.describeSubscription(),
                "to receive a redelivery of:",
                MessageText.INDENT + "stream sequence " + streamSequence + " within " + MessageText.duration(timeout),
                evidence(received)));
    }

    /** Lists what arrived, each JetStream delivery with its stream sequence and delivery count. */
    private static String evidence(List<Message> received) {
        if (received.isEmpty()) {
            return "but received no messages";
        }
        List<String> lines = new ArrayList<>();
        lines.add("but received " + MessageText.messages(received.size()) + ":");
        for (int i = 0; i < received.size(); i++) {
            Message message = received.get(i);
            String metadata = JetStreamMetadata.of(message)
                    .map(m ->
                            " (stream sequence " + m.streamSequence() + ", delivery count " + m.deliveredCount() + ")")
                    .orElse(" (not a JetStream delivery)");
            lines.add(MessageText.INDENT + "#" + (i + 1) + " " + MessageText.describe(message) + metadata);
        }
        return String.join("\n", lines);
    }
}
