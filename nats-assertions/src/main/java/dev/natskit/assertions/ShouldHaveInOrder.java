package dev.natskit.assertions;

import io.nats.client.Message;
import java.util.List;

/** Failure message of {@code withSubjects} and {@code withData}: a property of the messages differs, in order. */
final class ShouldHaveInOrder extends NatsErrorMessage {

    private ShouldHaveInOrder(String text) {
        super(text);
    }

    /**
     * @param property the plural noun of the property, such as {@code subjects} or {@code data}
     */
    static ShouldHaveInOrder shouldHaveInOrder(
            List<Message> messages, String property, List<String> expected, List<String> actual) {
        return new ShouldHaveInOrder(lines(
                "Expecting received messages:",
                MessageText.numbered(messages, 1),
                "to have " + property + ", in order:",
                MessageText.INDENT + MessageText.quotedList(expected),
                "but had:",
                MessageText.INDENT + MessageText.quotedList(actual)));
    }
}
