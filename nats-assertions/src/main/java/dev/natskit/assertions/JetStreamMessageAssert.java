package dev.natskit.assertions;

import io.nats.client.Message;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a message that a JetStream consumer delivered, read from its metadata: stream and consumer
 * sequence, and delivery count. Create one with {@link NatsAssertions#assertThatJetStreamMessage(Message)}.
 *
 * <p>Every assertion fails when the message carries no JetStream metadata, as a core NATS message or null does.
 */
public class JetStreamMessageAssert extends AbstractAssert<JetStreamMessageAssert, Message> {

    protected JetStreamMessageAssert(Message actual) {
        super(actual, JetStreamMessageAssert.class);
    }

    /**
     * Checks the name of the stream the message was stored in.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(subscription.nextMessage(Duration.ofSeconds(1))).hasStream("ORDERS");
     * }</pre>
     */
    public JetStreamMessageAssert hasStream(String stream) {
        JetStreamMessageChecker.hasStream(info, actual, stream);
        return myself;
    }

    /**
     * Checks the name of the consumer that delivered the message.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(message).hasConsumer("worker");
     * }</pre>
     */
    public JetStreamMessageAssert hasConsumer(String consumer) {
        JetStreamMessageChecker.hasConsumer(info, actual, consumer);
        return myself;
    }

    /**
     * Checks the message's sequence in the stream, which stays the same on every delivery.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(message).hasStreamSequence(1);
     * }</pre>
     */
    public JetStreamMessageAssert hasStreamSequence(long sequence) {
        JetStreamMessageChecker.hasStreamSequence(info, actual, sequence);
        return myself;
    }

    /**
     * Checks the consumer sequence of this delivery, which the consumer increments on every delivery, redeliveries
     * included.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(message).hasConsumerSequence(2);
     * }</pre>
     */
    public JetStreamMessageAssert hasConsumerSequence(long sequence) {
        JetStreamMessageChecker.hasConsumerSequence(info, actual, sequence);
        return myself;
    }

    /**
     * Checks how many times the consumer delivered this message, this delivery included: 1 on the first delivery.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(redelivered).hasDeliveryCount(2);
     * }</pre>
     */
    public JetStreamMessageAssert hasDeliveryCount(long count) {
        JetStreamMessageChecker.hasDeliveryCount(info, actual, count);
        return myself;
    }

    /**
     * Checks that this delivery is a redelivery: its delivery count is greater than 1.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(message).isRedelivered();
     * }</pre>
     */
    public JetStreamMessageAssert isRedelivered() {
        JetStreamMessageChecker.isRedelivered(info, actual, true);
        return myself;
    }

    /**
     * Checks that this delivery is the first one: its delivery count is 1.
     *
     * <pre>{@code
     * assertThatJetStreamMessage(message).isNotRedelivered();
     * }</pre>
     */
    public JetStreamMessageAssert isNotRedelivered() {
        JetStreamMessageChecker.isRedelivered(info, actual, false);
        return myself;
    }
}
