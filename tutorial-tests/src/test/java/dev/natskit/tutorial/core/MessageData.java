package dev.natskit.tutorial.core;

import io.nats.client.Message;
import java.nio.charset.StandardCharsets;

/** Converts between text and message data, UTF-8 encoded, for the core specifications. */
final class MessageData {

    private MessageData() {}

    /** Returns the message data decoded as UTF-8. */
    static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /** Encodes text as UTF-8 message data. */
    static byte[] data(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
