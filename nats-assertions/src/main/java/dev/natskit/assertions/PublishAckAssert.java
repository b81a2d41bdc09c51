package dev.natskit.assertions;

import io.nats.client.api.PublishAck;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the publish ack that {@code JetStream.publish} returns once a stream stored the message. Create one
 * with {@link NatsAssertions#assertThat(PublishAck)}. Every assertion fails when the ack is null.
 */
public class PublishAckAssert extends AbstractAssert<PublishAckAssert, PublishAck> {

    protected PublishAckAssert(PublishAck actual) {
        super(actual, PublishAckAssert.class);
    }

    /**
     * Checks the name of the stream that stored the message.
     *
     * <pre>{@code
     * assertThat(js.publish("orders.created", data)).hasStream("ORDERS");
     * }</pre>
     */
    public PublishAckAssert hasStream(String stream) {
        PublishAckChecker.hasStream(info, actual, stream);
        return myself;
    }

    /**
     * Checks the stream sequence the message was stored at. For a duplicate it is the original message's sequence.
     *
     * <pre>{@code
     * assertThat(js.publish("orders.created", data)).hasSequence(1);
     * }</pre>
     */
    public PublishAckAssert hasSequence(long sequence) {
        PublishAckChecker.hasSequence(info, actual, sequence);
        return myself;
    }

    /**
     * Checks that the stream recognised the message as a duplicate by its {@code Nats-Msg-Id} header within the
     * stream's duplicate window, and so did not store it again.
     *
     * <pre>{@code
     * PublishOptions id = PublishOptions.builder().messageId("order-1").build();
     * js.publish("orders.created", data, id);
     * assertThat(js.publish("orders.created", data, id)).isDuplicate().hasSequence(1);
     * }</pre>
     */
    public PublishAckAssert isDuplicate() {
        PublishAckChecker.hasDuplicateFlag(info, actual, true);
        return myself;
    }

    /**
     * Checks that the stream stored the message as a new one.
     *
     * <pre>{@code
     * assertThat(js.publish("orders.created", data, id)).isNotDuplicate();
     * }</pre>
     */
    public PublishAckAssert isNotDuplicate() {
        PublishAckChecker.hasDuplicateFlag(info, actual, false);
        return myself;
    }
}
