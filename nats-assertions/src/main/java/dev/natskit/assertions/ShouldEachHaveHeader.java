package dev.natskit.assertions;

import io.nats.client.Message;
import java.util.List;

/** Failure message of {@code withHeader}: some received messages lack the header value. */
final class ShouldEachHaveHeader extends NatsErrorMessage {

    private ShouldEachHaveHeader(String text) {
        super(text);
    }

    static ShouldEachHaveHeader shouldEachHaveHeader(
            List<Message> messages, String key, String value, List<Message> without) {
        StringBuilder failing = new StringBuilder();
        for (Message message : without) {
            if (failing.length() > 0) {
                failing.append('\n');
            }
            failing.append(MessageText.INDENT)
                    .append('#')
                    .append(messages.indexOf(message) + 1)
                    .append(' ')
                    .append(MessageText.describe(message));
        }
        return new ShouldEachHaveHeader(lines(
                "Expecting received messages:",
                MessageText.numbered(messages, 1),
                "to each have header:",
                MessageText.INDENT + MessageText.quote(key) + ": " + MessageText.quote(value),
                "but these did not:",
                failing.toString()));
    }
}
