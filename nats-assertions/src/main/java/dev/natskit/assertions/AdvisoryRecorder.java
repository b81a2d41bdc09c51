package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.util.List;
import java.util.Objects;

/**
 * Records the advisories that the server publishes about one JetStream consumer, on
 * {@code $JS.EVENT.ADVISORY.CONSUMER.<kind>.<stream>.<consumer>}, such as {@code MAX_DELIVERIES} and, from
 * nats-server 2.11, {@code MSG_TERMINATED}. Create one with
 * {@link NatsAssertions#recordAdvisories(Connection, String, String)} before the test acts, and close it to
 * unsubscribe.
 *
 * <p>Instances are safe for use by several threads.
 */
public final class AdvisoryRecorder implements AutoCloseable {

    private final MessageRecorder recorder;
    private final String stream;
    private final String consumer;

    private AdvisoryRecorder(MessageRecorder recorder, String stream, String consumer) {
        this.recorder = recorder;
        this.stream = stream;
        this.consumer = consumer;
    }

    /** Subscribes and flushes; see {@link NatsAssertions#recordAdvisories(Connection, String, String)}. */
    static AdvisoryRecorder start(Connection connection, String stream, String consumer) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(consumer, "consumer");
        String subject = Advisory.PREFIX + "*." + stream + "." + consumer;
        return new AdvisoryRecorder(MessageRecorder.start(connection, subject, null), stream, consumer);
    }

    /** Returns the name of the stream whose consumer this recorder watches. */
    public String stream() {
        return stream;
    }

    /** Returns the name of the consumer this recorder watches. */
    public String consumer() {
        return consumer;
    }

    /** Returns the advisory messages received so far, in arrival order. Never null. */
    public List<Message> messages() {
        return recorder.messages();
    }

    /** Unsubscribes and leaves the connection open. Idempotent. */
    @Override
    public void close() {
        recorder.close();
    }

    @Override
    public String toString() {
        return "AdvisoryRecorder[" + JetStreamText.consumer(stream, consumer) + ", "
                + MessageText.messages(recorder.count()) + "]";
    }

    MessageRecorder recorder() {
        return recorder;
    }
}
