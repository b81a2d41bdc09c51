package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.RequestFailureMessage;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Renders messages, strings and durations the one way every failure message of this package shows them. */
final class MessageText {

    static final String INDENT = "  ";

    private MessageText() {}

    /** Returns the data of a message decoded as UTF-8, or the empty string when the message has no data. */
    static String data(Message message) {
        byte[] data = message.getData();
        return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }

    /**
     * Describes one message on one line: {@code subject: "data"}, with the headers, sorted by key, between the
     * subject and the data when the message has any, and the status instead of the data for a status message.
     */
    static String describe(Message message) {
        if (message == null) {
            return "null";
        }
        if (message instanceof RequestFailureMessage failure) {
            return "RequestFailureMessage with reason " + failure.getReason();
        }
        return message.getSubject() + (hasHeaders(message) ? " " : ": ") + body(message);
    }

    /**
     * Describes a message without its subject: {@code "data"}, or {@code {key=[value]}: "data"} with headers. Used
     * for replies, whose subject is a random inbox.
     */
    static String body(Message message) {
        String content = message.isStatusMessage()
                ? "status " + message.getStatus().getCode() + " "
                        + quote(message.getStatus().getMessage())
                : quote(data(message));
        return hasHeaders(message) ? headers(message.getHeaders()) + ": " + content : content;
    }

    static boolean hasHeaders(Message message) {
        return message.hasHeaders() && !message.getHeaders().isEmpty();
    }

    /** Renders headers as {@code {key=[value], other=[a, b]}}, keys sorted so the text does not vary by run. */
    static String headers(Headers headers) {
        return new TreeSet<>(headers.keySet())
                .stream().map(key -> key + "=" + headers.get(key)).collect(Collectors.joining(", ", "{", "}"));
    }

    /** Lists messages one a line, indented, numbered in arrival order from {@code firstNumber}. */
    static String numbered(List<Message> messages, int firstNumber) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            lines.add(INDENT + "#" + (firstNumber + i) + " " + describe(messages.get(i)));
        }
        return String.join("\n", lines);
    }

    /** Renders strings as {@code ["a", "b"]}. */
    static String quotedList(List<String> values) {
        return values.stream().map(MessageText::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Quotes text the way Java writes a string literal, so blanks and line breaks stay visible. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** Returns {@code "1 message"} or {@code "3 messages"}. */
    static String messages(int count) {
        return count + (count == 1 ? " message" : " messages");
    }

    /** Renders a duration as {@code "5 s"} when it is whole seconds, else as {@code "200 ms"}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
