package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.impl.NatsMessage;
import java.util.Optional;

/** Reads the JetStream metadata that the server encodes in a delivered message's {@code $JS.ACK} reply subject. */
final class JetStreamMetadata {

    static final String ACK_PREFIX = "$JS.ACK.";

    private JetStreamMetadata() {}

    /**
     * Returns the metadata of a message that a JetStream consumer delivered, or empty for any other message.
     *
     * <p>Messages that a JetStream subscription returns carry it already. A plain subscription on a push consumer's
     * deliver subject, such as a {@link MessageRecorder}, receives a core message with the same reply subject; its
     * metadata is parsed here from that subject.
     */
    static Optional<NatsJetStreamMetaData> of(Message message) {
        if (message == null) {
            return Optional.empty();
        }
        if (message.isJetStream()) {
            return Optional.of(message.metaData());
        }
        String replyTo = message.getReplyTo();
        if (message instanceof NatsMessage natsMessage && replyTo != null && replyTo.startsWith(ACK_PREFIX)) {
            try {
                return Optional.of(new NatsJetStreamMetaData(natsMessage));
            } catch (IllegalArgumentException e) {
                // A reply subject that only looks like an ack subject: treat the message as a core message.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
