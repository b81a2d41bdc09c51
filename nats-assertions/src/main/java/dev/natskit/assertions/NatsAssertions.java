package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Entry point of natskit's AssertJ assertions for NATS: recorders that subscribe, and {@code assertThat} overloads
 * that check what they received.
 *
 * <pre>{@code
 * try (MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
 *     publisher.publish("orders.created", "order-1".getBytes(StandardCharsets.UTF_8));
 *     assertThat(recorder).receives(1).withSubjects("orders.created").withData("order-1");
 *     assertThat(recorder).receivesNothingMore(publisher);
 * }
 * }</pre>
 */
public final class NatsAssertions {

    /** How long waiting assertions wait unless {@code within(Duration)} sets another deadline: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private NatsAssertions() {}

    /**
     * Subscribes to a subject, which may hold wildcards, and flushes the connection so the server has registered
     * the subscription before this method returns. Messages published afterwards, from any connection, are recorded.
     *
     * <pre>{@code
     * MessageRecorder recorder = NatsAssertions.record(connection, "orders.>");
     * }</pre>
     *
     * @return the recorder, never null; close it to unsubscribe
     * @throws IllegalStateException if the flush times out after 5 seconds
     */
    public static MessageRecorder record(Connection connection, String subject) {
        return MessageRecorder.start(connection, subject, null);
    }

    /**
     * Subscribes as one member of a queue group, and flushes like {@link #record(Connection, String)}.
     *
     * <pre>{@code
     * MessageRecorder worker = NatsAssertions.record(connection, "orders", "workers");
     * }</pre>
     *
     * @return the recorder, never null; close it to unsubscribe
     * @throws IllegalStateException if the flush times out after 5 seconds
     */
    public static MessageRecorder record(Connection connection, String subject, String queueGroup) {
        return MessageRecorder.start(connection, subject, Objects.requireNonNull(queueGroup, "queueGroup"));
    }

    /**
     * Subscribes {@code members} members of one queue group, each with a recorder of its own, and flushes once.
     *
     * <pre>{@code
     * QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 3);
     * }</pre>
     *
     * @return the group, never null; close it to unsubscribe every member
     * @throws IllegalArgumentException if {@code members} is less than 1
     * @throws IllegalStateException if the flush times out after 5 seconds
     */
    public static QueueGroupRecorder recordQueueGroup(
            Connection connection, String subject, String queueGroup, int members) {
        return QueueGroupRecorder.start(connection, subject, queueGroup, members);
    }

    /**
     * Starts assertions on what a recorder received.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).withData("order-1", "order-2");
     * }</pre>
     */
    public static MessageRecorderAssert assertThat(MessageRecorder recorder) {
        return new MessageRecorderAssert(recorder);
    }

    /**
     * Starts assertions on how a queue group shared messages.
     *
     * <pre>{@code
     * assertThat(group).deliversEachMessageOnce(30).everyMemberReceivedAtLeastOne();
     * }</pre>
     */
    public static QueueGroupAssert assertThat(QueueGroupRecorder group) {
        return new QueueGroupAssert(group);
    }

    /**
     * Starts assertions on one message, such as the reply that {@code Connection.request} returned.
     *
     * <pre>{@code
     * assertThat(connection.request("greet", "Ada".getBytes(UTF_8), Duration.ofSeconds(1))).hasData("Hello, Ada");
     * }</pre>
     */
    public static MessageAssert assertThat(Message message) {
        return new MessageAssert(message);
    }

    /**
     * Starts assertions on a request with UTF-8 data, which each assertion sends on the connection.
     *
     * <pre>{@code
     * assertThatRequest(connection, "greet", "Ada").receivesReply().hasData("Hello, Ada");
     * assertThatRequest(connection, "nobody.home", "ping").hasNoResponders();
     * }</pre>
     */
    public static RequestAssert assertThatRequest(Connection connection, String subject, String data) {
        Objects.requireNonNull(data, "data");
        return assertThatRequest(
                connection,
                NatsMessage.builder()
                        .subject(subject)
                        .data(data.getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    /**
     * Starts assertions on a request given as a message, to send headers too. The message's reply subject is
     * ignored: each request gets a new one.
     *
     * <pre>{@code
     * Message request = NatsMessage.builder().subject("greet").headers(headers).data("Ada", UTF_8).build();
     * assertThatRequest(connection, request).receivesReply().hasHeader("lang", "en");
     * }</pre>
     */
    public static RequestAssert assertThatRequest(Connection connection, Message request) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(request, "request");
        return new RequestAssert(connection, request);
    }

    /**
     * Subscribes to the advisories that the server publishes about one consumer, and flushes the connection so the
     * server has registered the subscription before this method returns. Call it before the test acts.
     *
     * <pre>{@code
     * try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "worker")) {
     *     message.term();
     *     assertThat(advisories).reportsTerminated(1);
     * }
     * }</pre>
     *
     * @return the recorder, never null; close it to unsubscribe
     * @throws IllegalStateException if the flush times out after 5 seconds
     */
    public static AdvisoryRecorder recordAdvisories(Connection connection, String stream, String consumer) {
        return AdvisoryRecorder.start(connection, stream, consumer);
    }

    /**
     * Starts assertions on the advisories a recorder received.
     *
     * <pre>{@code
     * assertThat(advisories).reportsMaxDeliveries(1);
     * }</pre>
     */
    public static AdvisoryAssert assertThat(AdvisoryRecorder advisories) {
        return new AdvisoryAssert(advisories);
    }

    /**
     * Starts assertions on the ack that {@code JetStream.publish} returned.
     *
     * <pre>{@code
     * assertThat(js.publish("orders.created", data)).hasStream("ORDERS").hasSequence(1).isNotDuplicate();
     * }</pre>
     */
    public static PublishAckAssert assertThat(PublishAck ack) {
        return new PublishAckAssert(ack);
    }

    /**
     * Starts assertions on the JetStream metadata of a message that a consumer delivered: stream and consumer
     * sequence, and delivery count. Accepts the messages of JetStream subscriptions and the core messages that a
     * plain subscription or a {@link MessageRecorder} receives on a push consumer's deliver subject.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(subscription.nextMessage(Duration.ofSeconds(2))).isRedelivered().hasDeliveryCount(2);
     * }</pre>
     */
    public static JetStreamMessageAssert assertThatJetStreamMessage(Message message) {
        return new JetStreamMessageAssert(message);
    }

    /**
     * Starts assertions on a stream's state and configuration, which each assertion reads from the server.
     *
     * <pre>{@code
     * assertThatStream(jsm, "ORDERS").hasMessageCount(2).hasLastSequence(2).hasSubjectCount("orders.created", 1);
     * }</pre>
     */
    public static StreamAssert assertThatStream(JetStreamManagement jsm, String stream) {
        return new StreamAssert(jsm, stream);
    }

    /**
     * Starts assertions on a consumer's delivery and ack state, which each assertion reads from the server.
     *
     * <pre>{@code
     * message.ack();
     * assertThatConsumer(jsm, "ORDERS", "worker").hasAcknowledged(1).hasAckPending(0);
     * }</pre>
     */
    public static ConsumerAssert assertThatConsumer(JetStreamManagement jsm, String stream, String consumer) {
        return new ConsumerAssert(jsm, stream, consumer);
    }

    static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        return timeout;
    }
}
