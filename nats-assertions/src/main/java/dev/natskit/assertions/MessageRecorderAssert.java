package dev.natskit.assertions;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the messages a {@link MessageRecorder} received. Create one with
 * {@link NatsAssertions#assertThat(MessageRecorder)}.
 *
 * <p>Waiting assertions wait up to {@link NatsAssertions#DEFAULT_TIMEOUT}, or the deadline set with
 * {@link #within(Duration)}, and wake on every arrival.
 */
public class MessageRecorderAssert extends AbstractAssert<MessageRecorderAssert, MessageRecorder> {

    private Duration timeout = NatsAssertions.DEFAULT_TIMEOUT;

    protected MessageRecorderAssert(MessageRecorder actual) {
        super(Objects.requireNonNull(actual, "recorder"), MessageRecorderAssert.class);
    }

    /**
     * Sets the deadline of the waiting assertions that follow.
     *
     * <pre>{@code
     * assertThat(recorder).within(Duration.ofSeconds(10)).receives(100);
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public MessageRecorderAssert within(Duration timeout) {
        this.timeout = NatsAssertions.requirePositive(timeout);
        return myself;
    }

    /**
     * Waits until at least {@code n} messages arrived, and returns an assertion on the first {@code n}, in arrival
     * order. Fails with every message that did arrive when the deadline passes first.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).withSubjects("orders.created", "orders.paid");
     * }</pre>
     */
    public ReceivedMessagesAssert receives(int n) {
        return new ReceivedMessagesAssert(RecorderChecker.receives(info, actual, n, timeout));
    }

    /**
     * Checks, without waiting, that exactly {@code n} messages arrived so far, and returns an assertion on them.
     *
     * <pre>{@code
     * assertThat(recorder).hasReceived(1).withData("order-1");
     * }</pre>
     */
    public ReceivedMessagesAssert hasReceived(int n) {
        return new ReceivedMessagesAssert(RecorderChecker.hasReceived(info, actual, n));
    }

    /**
     * Checks, without waiting, that no message arrived so far. To check that none will arrive from messages
     * already published, use {@link #receivesNothingMore(Connection...)}.
     *
     * <pre>{@code
     * assertThat(recorder).hasReceivedNothing();
     * }</pre>
     */
    public MessageRecorderAssert hasReceivedNothing() {
        RecorderChecker.hasReceived(info, actual, 0);
        return myself;
    }

    /**
     * Checks that no message arrived beyond the ones that earlier {@code receives(n)} and {@code hasReceived(n)}
     * assertions on this recorder accounted for, including every message the given connections published before
     * this call. It never sleeps through a quiet period; flush round trips settle it.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2);
     * assertThat(recorder).receivesNothingMore(publisher);
     * }</pre>
     *
     * <p>The guarantee: first each publishing connection is flushed. The server handles a connection's protocol
     * in order, so when the flush returns it has routed every earlier message of that connection to the
     * subscribers' outgoing buffers. Then the recorder publishes a marker from its own connection to a private
     * subject that its dispatcher also subscribes to. The marker comes back behind every message the server had
     * routed to that connection, and the dispatcher's one thread handles messages in order, so once the marker's
     * handler ran, those messages were recorded. This replaces the plain flush of the subscribing connection,
     * which would only prove that the messages reached the client's pending queue, not the handler.
     *
     * <p>Limits: the check covers only messages that the given connections (or the recorder's own connection)
     * published before the call, on one server. A message that the application publishes later, from another
     * connection not given here, from a timer or asynchronous task, or that travels through a route or gateway
     * to another server of a cluster, may still arrive after the check passed. A connection created with
     * {@code noEcho()} cannot receive the marker, so the recorder's connection must not set it.
     *
     * @param publishers the connections whose earlier messages must have been routed; may be empty
     * @throws IllegalStateException if a flush or the marker's round trip times out, or the recorder's connection
     *     sets {@code noEcho()}
     */
    public MessageRecorderAssert receivesNothingMore(Connection... publishers) {
        RecorderChecker.receivesNothingMore(info, actual, publishers, timeout);
        return myself;
    }

    /**
     * Waits until a JetStream consumer delivered the message at this stream sequence again, and returns an
     * assertion on that redelivery. Record the push consumer's deliver subject to see every delivery of it. The
     * recorder itself never acknowledges.
     *
     * <pre>{@code
     * MessageRecorder deliveries = NatsAssertions.record(connection, "deliver.worker");
     * assertThat(deliveries).within(ackWait.plus(Duration.ofSeconds(1))).receivesRedelivery(1).hasDeliveryCount(2);
     * }</pre>
     *
     * <p>A redelivery after AckWait comes AckWait after the previous delivery, so set {@link #within(Duration)} to
     * at least the consumer's AckWait plus a margin when AckWait is longer than a few seconds.
     */
    public JetStreamMessageAssert receivesRedelivery(long streamSequence) {
        return new JetStreamMessageAssert(RecorderChecker.receivesRedelivery(info, actual, streamSequence, timeout));
    }
}
