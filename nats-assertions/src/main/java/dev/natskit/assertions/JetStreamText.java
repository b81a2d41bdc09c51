package dev.natskit.assertions;

import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.util.Map;
import java.util.TreeMap;

/** Renders streams, consumers, publish acks and JetStream metadata for failure messages, in JetStream's terms. */
final class JetStreamText {

    private JetStreamText() {}

    /** Describes a stream by name: {@code stream "ORDERS"}. */
    static String stream(String stream) {
        return "stream " + MessageText.quote(stream);
    }

    /** Describes a consumer by name: {@code "worker" on stream "ORDERS"}. */
    static String consumer(String stream, String consumer) {
        return MessageText.quote(consumer) + " on " + stream(stream);
    }

    /**
     * Describes a stream's subjects and state on two lines, the second indented, and a third with the per-subject
     * counts when the info was read with them.
     */
    static String streamState(String stream, StreamInfo info) {
        StreamState state = info.getStreamState();
        String text = MessageText.quote(stream) + " on subjects "
                + MessageText.quotedList(info.getConfiguration().getSubjects())
                + "\n" + MessageText.INDENT + messages(state.getMsgCount()) + ", " + bytes(state.getByteCount())
                + ", first sequence " + state.getFirstSequence() + ", last sequence " + state.getLastSequence();
        Map<String, Long> subjects = state.getSubjectMap();
        if (subjects != null && !subjects.isEmpty()) {
            text += "\n" + MessageText.INDENT + "per subject: " + new TreeMap<>(subjects);
        }
        return text;
    }

    /** Describes a consumer's delivery and ack state on four lines, every line after the first indented. */
    static String consumerState(String stream, String consumer, ConsumerInfo info) {
        return consumer(stream, consumer)
                + "\n" + MessageText.INDENT + "pending " + info.getNumPending() + ", ack pending "
                + info.getNumAckPending() + ", redelivered " + info.getRedelivered() + ", waiting "
                + info.getNumWaiting()
                + "\n" + MessageText.INDENT + "delivered: stream sequence "
                + info.getDelivered().getStreamSequence()
                + ", consumer sequence " + info.getDelivered().getConsumerSequence()
                + "\n" + MessageText.INDENT + "ack floor: stream sequence "
                + info.getAckFloor().getStreamSequence()
                + ", consumer sequence " + info.getAckFloor().getConsumerSequence();
    }

    /** Describes a publish ack: {@code stream "ORDERS", sequence 3}, with {@code , duplicate} when it is one. */
    static String publishAck(PublishAck ack) {
        if (ack == null) {
            return "null";
        }
        String domain = ack.getDomain() == null ? "" : ", domain " + MessageText.quote(ack.getDomain());
        return stream(ack.getStream()) + domain + ", sequence " + ack.getSeqno()
                + (ack.isDuplicate() ? ", duplicate" : "");
    }

    /** Describes a received message's JetStream metadata on one line. */
    static String metadata(NatsJetStreamMetaData metadata) {
        return stream(metadata.getStream()) + " sequence " + metadata.streamSequence() + ", consumer "
                + MessageText.quote(metadata.getConsumer()) + " sequence " + metadata.consumerSequence()
                + ", delivery count " + metadata.deliveredCount();
    }

    /** Returns {@code "1 message"} or {@code "3 messages"} for a long count. */
    static String messages(long count) {
        return count + (count == 1 ? " message" : " messages");
    }

    static String bytes(long count) {
        return count + (count == 1 ? " byte" : " bytes");
    }
}
