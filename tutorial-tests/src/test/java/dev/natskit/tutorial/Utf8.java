package dev.natskit.tutorial;

import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Converts between text and message data, UTF-8 encoded, for the specifications outside their doc regions. */
public final class Utf8 {

    private Utf8() {}

    /** Encodes text as UTF-8 message data. */
    public static byte[] data(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the message data decoded as UTF-8. */
    public static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /** Returns the data of a stored message, read with {@code getMessage}, decoded as UTF-8. */
    public static String text(MessageInfo message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /** Returns the data of each message decoded as UTF-8, in the same order. */
    public static List<String> texts(List<Message> messages) {
        return messages.stream().map(Utf8::text).toList();
    }
}
