package dev.natskit.assertions;

import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;

/** Failure message of {@code withDataInAnyOrder}: data is missing or unexpected, regardless of order. */
final class ShouldHaveDataInAnyOrder extends NatsErrorMessage {

    private ShouldHaveDataInAnyOrder(String text) {
        super(text);
    }

    static ShouldHaveDataInAnyOrder shouldHaveDataInAnyOrder(
            List<Message> messages, List<String> expected, List<String> missing, List<String> unexpected) {
        List<String> lines = new ArrayList<>(List.of(
                "Expecting received messages:",
                MessageText.numbered(messages, 1),
                "to have data, in any order:",
                MessageText.INDENT + MessageText.quotedList(expected)));
        String connective = "but";
        if (!missing.isEmpty()) {
            lines.add(connective + " could not find:");
            lines.add(MessageText.INDENT + MessageText.quotedList(missing));
            connective = "and";
        }
        if (!unexpected.isEmpty()) {
            lines.add(connective + " did not expect:");
            lines.add(MessageText.INDENT + MessageText.quotedList(unexpected));
        }
        return new ShouldHaveDataInAnyOrder(lines(lines.toArray(String[]::new)));
    }
}
