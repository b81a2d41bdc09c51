package dev.natskit.assertions;

import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a stream's state and configuration, which each assertion reads from the server when it runs.
 * Create one with {@link NatsAssertions#assertThatStream(JetStreamManagement, String)}.
 *
 * <p>By default each assertion reads the stream once. That is enough after a {@code JetStream.publish} returned,
 * because the server sends the publish ack only once the stream stored the message. The state can still change
 * after the call that caused it returned: an asynchronous publish whose ack was not awaited, an ack that removes a
 * message from a work-queue or interest stream, or a message that expires by {@code maxAge}. For those, call
 * {@link #eventually()} first: the assertions that follow re-read the stream until they hold or the deadline
 * passes.
 *
 * <p>Every assertion fails when the server finds no stream of that name.
 */
public class StreamAssert extends AbstractAssert<StreamAssert, String> {

    private final JetStreamManagement jsm;
    private Duration timeout = NatsAssertions.DEFAULT_TIMEOUT;
    private boolean eventually;

    protected StreamAssert(JetStreamManagement jsm, String stream) {
        super(Objects.requireNonNull(stream, "stream"), StreamAssert.class);
        this.jsm = Objects.requireNonNull(jsm, "jsm");
    }

    /**
     * Sets the deadline of the assertions that follow {@link #eventually()}.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").within(Duration.ofSeconds(2)).eventually().hasMessageCount(0);
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public StreamAssert within(Duration timeout) {
        this.timeout = NatsAssertions.requirePositive(timeout);
        return myself;
    }

    /**
     * Makes the assertions that follow re-read the stream until they hold, or fail once the deadline passes. Reads
     * follow each other without a pause, and each one is a request round trip to the server.
     *
     * <pre>{@code
     * message.ack();
     * assertThatStream(jsm, "JOBS").eventually().hasMessageCount(0);
     * }</pre>
     */
    public StreamAssert eventually() {
        this.eventually = true;
        return myself;
    }

    /**
     * Checks how many messages the stream stores.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasMessageCount(2);
     * }</pre>
     */
    public StreamAssert hasMessageCount(long count) {
        StreamChecker.hasMessageCount(info, target(), count);
        return myself;
    }

    /**
     * Checks the size of the stored messages in bytes, as the server counts it: subject, headers, data and its
     * own per-message overhead.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasBytes(0);
     * }</pre>
     */
    public StreamAssert hasBytes(long bytes) {
        StreamChecker.hasBytes(info, target(), bytes);
        return myself;
    }

    /**
     * Checks that the stored messages take at most this many bytes, as {@link #hasBytes(long)} counts them.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasBytesAtMost(1024);
     * }</pre>
     */
    public StreamAssert hasBytesAtMost(long maximum) {
        StreamChecker.hasBytesAtMost(info, target(), maximum);
        return myself;
    }

    /**
     * Checks the sequence of the oldest stored message. It moves up as limits, purges or acks remove messages.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasFirstSequence(3);
     * }</pre>
     */
    public StreamAssert hasFirstSequence(long sequence) {
        StreamChecker.hasFirstSequence(info, target(), sequence);
        return myself;
    }

    /**
     * Checks the sequence of the newest stored message, which is also the number of messages ever stored unless
     * the stream was created with another first sequence.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasLastSequence(5);
     * }</pre>
     */
    public StreamAssert hasLastSequence(long sequence) {
        StreamChecker.hasLastSequence(info, target(), sequence);
        return myself;
    }

    /**
     * Checks how many stored messages have exactly this subject; a subject without messages has 0. Wildcards are
     * not expanded.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasSubjectCount("orders.created", 2);
     * }</pre>
     */
    public StreamAssert hasSubjectCount(String subject, long count) {
        StreamChecker.hasSubjectCount(info, target(), subject, count);
        return myself;
    }

    /**
     * Checks the subjects in the stream's configuration, in their configured order.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasConfiguredSubjects("orders.>");
     * }</pre>
     */
    public StreamAssert hasConfiguredSubjects(String... subjects) {
        StreamChecker.hasConfiguredSubjects(info, target(), List.of(subjects));
        return myself;
    }

    /**
     * Checks the retention policy: {@code Limits}, {@code Interest} or {@code WorkQueue}.
     *
     * <pre>{@code
     * assertThatStream(jsm, "JOBS").hasRetentionPolicy(RetentionPolicy.WorkQueue);
     * }</pre>
     */
    public StreamAssert hasRetentionPolicy(RetentionPolicy policy) {
        StreamChecker.hasConfigValue(
                info,
                target(),
                "retention policy",
                policy,
                stream -> stream.getConfiguration().getRetentionPolicy());
        return myself;
    }

    /**
     * Checks the storage type: {@code File} or {@code Memory}.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasStorageType(StorageType.Memory);
     * }</pre>
     */
    public StreamAssert hasStorageType(StorageType storage) {
        StreamChecker.hasConfigValue(
                info,
                target(),
                "storage type",
                storage,
                stream -> stream.getConfiguration().getStorageType());
        return myself;
    }

    /**
     * Checks the configured maximum number of messages; -1 means no limit.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasMaxMessages(1000);
     * }</pre>
     */
    public StreamAssert hasMaxMessages(long maxMessages) {
        StreamChecker.hasConfigValue(
                info,
                target(),
                "max messages",
                maxMessages,
                stream -> stream.getConfiguration().getMaxMsgs());
        return myself;
    }

    /**
     * Checks the configured maximum age of a message; {@code Duration.ZERO} means no limit.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasMaxAge(Duration.ofHours(1));
     * }</pre>
     */
    public StreamAssert hasMaxAge(Duration maxAge) {
        StreamChecker.hasConfigValue(
                info,
                target(),
                "max age",
                maxAge,
                stream -> stream.getConfiguration().getMaxAge());
        return myself;
    }

    private StreamChecker.Target target() {
        return new StreamChecker.Target(jsm, actual, eventually ? timeout : null);
    }
}
