package dev.natskit.assertions;

import io.nats.client.JetStreamManagement;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a consumer's delivery and ack state, which each assertion reads from the server when it runs.
 * Create one with {@link NatsAssertions#assertThatConsumer(JetStreamManagement, String, String)}.
 *
 * <p>The state assertions ({@code hasPending}, {@code hasAckPending} and the others that compare one number) read
 * the consumer once, unless {@link #eventually()} came first. The ack contract assertions
 * ({@link #hasAcknowledged(long)}, {@link #hasAcknowledgedAll()} and {@link #willNotRedeliver(long)}) always re-read
 * until they hold or the deadline passes, because {@code Message.ack()} only publishes the ack and returns: the
 * server applies it a moment later. After {@code ackSync(...)} returned, the server has applied the ack, and the
 * first read passes.
 *
 * <p>Every assertion fails when the server finds no such stream or consumer.
 */
public class ConsumerAssert extends AbstractAssert<ConsumerAssert, String> {

    private final JetStreamManagement jsm;
    private final String stream;
    private Duration timeout = NatsAssertions.DEFAULT_TIMEOUT;
    private boolean eventually;

    protected ConsumerAssert(JetStreamManagement jsm, String stream, String consumer) {
        super(Objects.requireNonNull(consumer, "consumer"), ConsumerAssert.class);
        this.jsm = Objects.requireNonNull(jsm, "jsm");
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * Sets the deadline of the ack contract assertions, and of the state assertions that follow
     * {@link #eventually()}.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").within(Duration.ofSeconds(1)).hasAcknowledgedAll();
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public ConsumerAssert within(Duration timeout) {
        this.timeout = NatsAssertions.requirePositive(timeout);
        return myself;
    }

    /**
     * Makes the state assertions that follow re-read the consumer until they hold, or fail once the deadline
     * passes. Reads follow each other without a pause, and each one is a request round trip to the server.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").eventually().hasRedeliveredCount(1);
     * }</pre>
     */
    public ConsumerAssert eventually() {
        this.eventually = true;
        return myself;
    }

    /**
     * Checks how many messages of the stream match the consumer's filter and have not been delivered to it yet.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasPending(3);
     * }</pre>
     */
    public ConsumerAssert hasPending(long count) {
        ConsumerChecker.hasValue(info, stateTarget(), "pending", count, consumer -> consumer.getNumPending());
        return myself;
    }

    /**
     * Checks how many delivered messages wait for an ack. The consumer redelivers each of them once its AckWait
     * passes.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasAckPending(1);
     * }</pre>
     */
    public ConsumerAssert hasAckPending(long count) {
        ConsumerChecker.hasValue(info, stateTarget(), "ack pending", count, consumer -> consumer.getNumAckPending());
        return myself;
    }

    /**
     * Checks how many ack pending messages the consumer has delivered more than once. Messages leave this count
     * when they are acknowledged or terminated.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasRedeliveredCount(1);
     * }</pre>
     */
    public ConsumerAssert hasRedeliveredCount(long count) {
        ConsumerChecker.hasValue(info, stateTarget(), "redelivered", count, consumer -> consumer.getRedelivered());
        return myself;
    }

    /**
     * Checks how many pull requests wait for messages on a pull consumer.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "puller").hasWaiting(0);
     * }</pre>
     */
    public ConsumerAssert hasWaiting(long count) {
        ConsumerChecker.hasValue(info, stateTarget(), "waiting", count, consumer -> consumer.getNumWaiting());
        return myself;
    }

    /**
     * Checks the stream sequence of the last message the consumer delivered, or 0 before the first delivery.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasDeliveredStreamSequence(2);
     * }</pre>
     */
    public ConsumerAssert hasDeliveredStreamSequence(long sequence) {
        ConsumerChecker.hasValue(
                info,
                stateTarget(),
                "delivered stream sequence",
                sequence,
                consumer -> consumer.getDelivered().getStreamSequence());
        return myself;
    }

    /**
     * Checks the consumer sequence of the last delivery, which counts every delivery, redeliveries included.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasDeliveredConsumerSequence(3);
     * }</pre>
     */
    public ConsumerAssert hasDeliveredConsumerSequence(long sequence) {
        ConsumerChecker.hasValue(
                info,
                stateTarget(),
                "delivered consumer sequence",
                sequence,
                consumer -> consumer.getDelivered().getConsumerSequence());
        return myself;
    }

    /**
     * Checks the stream sequence of the ack floor: every message up to it has been acknowledged or terminated.
     * A message acknowledged out of order does not move the floor while an earlier one is still ack pending.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasAckFloorStreamSequence(2);
     * }</pre>
     */
    public ConsumerAssert hasAckFloorStreamSequence(long sequence) {
        ConsumerChecker.hasValue(
                info,
                stateTarget(),
                "ack floor stream sequence",
                sequence,
                consumer -> consumer.getAckFloor().getStreamSequence());
        return myself;
    }

    /**
     * Checks the consumer sequence of the ack floor.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasAckFloorConsumerSequence(2);
     * }</pre>
     */
    public ConsumerAssert hasAckFloorConsumerSequence(long sequence) {
        ConsumerChecker.hasValue(
                info,
                stateTarget(),
                "ack floor consumer sequence",
                sequence,
                consumer -> consumer.getAckFloor().getConsumerSequence());
        return myself;
    }

    /**
     * Waits until the consumer's ack floor reaches the message at this stream sequence, so neither it nor any
     * earlier message of the consumer is ack pending.
     *
     * <pre>{@code
     * message.ack();
     * assertThatConsumer(jsm, "ORDERS", "worker").hasAcknowledged(1);
     * }</pre>
     *
     * <p>NOTE: the consumer's state does not tell an ack from a {@code term()}, which also moves the ack floor, and
     * it does not show a message acknowledged out of order while an earlier one is ack pending: the assertion
     * then waits for the earlier one too.
     */
    public ConsumerAssert hasAcknowledged(long streamSequence) {
        ConsumerChecker.hasAcknowledged(info, ackTarget(), streamSequence);
        return myself;
    }

    /**
     * Waits until no delivered message is ack pending and the ack floor reached the last delivered stream
     * sequence. Messages not delivered yet do not count.
     *
     * <pre>{@code
     * assertThatConsumer(jsm, "ORDERS", "worker").hasAcknowledgedAll();
     * }</pre>
     */
    public ConsumerAssert hasAcknowledgedAll() {
        ConsumerChecker.hasAcknowledgedAll(info, ackTarget());
        return myself;
    }

    /**
     * Waits until the server no longer tracks the message at this stream sequence for redelivery, because the ack
     * floor reached it: it was acknowledged or terminated, as was every earlier message of the consumer. Use it
     * after {@code term()} to prove, without waiting for AckWait, that the message will not come back.
     *
     * <pre>{@code
     * message.term();
     * assertThatConsumer(jsm, "ORDERS", "worker").willNotRedeliver(1);
     * }</pre>
     *
     * <p>To tell a term from an ack, record the consumer's advisories with
     * {@link NatsAssertions#recordAdvisories(io.nats.client.Connection, String, String)} and use
     * {@link AdvisoryAssert#reportsTerminated(long)}.
     */
    public ConsumerAssert willNotRedeliver(long streamSequence) {
        ConsumerChecker.willNotRedeliver(info, ackTarget(), streamSequence);
        return myself;
    }

    private ConsumerChecker.Target stateTarget() {
        return new ConsumerChecker.Target(jsm, stream, actual, eventually ? timeout : null);
    }

    private ConsumerChecker.Target ackTarget() {
        return new ConsumerChecker.Target(jsm, stream, actual, timeout);
    }
}
