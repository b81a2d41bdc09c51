package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import io.nats.client.support.JsonValueUtils;

/**
 * One JetStream consumer advisory, read from its subject and JSON body.
 *
 * @param kind the subject token after {@code $JS.EVENT.ADVISORY.CONSUMER.}, such as {@code MAX_DELIVERIES}
 * @param streamSequence the {@code stream_seq} field, or 0 when the advisory is not about one message
 * @param deliveries the {@code deliveries} field, or 0 when absent
 */
record Advisory(String kind, long streamSequence, long deliveries) {

    static final String PREFIX = "$JS.EVENT.ADVISORY.CONSUMER.";

    /** Reads an advisory. A body that is not JSON leaves the numbers at 0. */
    static Advisory of(Message message) {
        String kind = message.getSubject().substring(PREFIX.length()).split("\\.", 2)[0];
        JsonValue body = JsonParser.parseUnchecked(message.getData());
        return new Advisory(
                kind, JsonValueUtils.readLong(body, "stream_seq", 0), JsonValueUtils.readLong(body, "deliveries", 0));
    }

    /** Describes the advisory as {@code MAX_DELIVERIES for stream sequence 1 after 2 deliveries}. */
    String describe() {
        if (streamSequence == 0) {
            return kind;
        }
        return kind + " for stream sequence " + streamSequence + " after " + deliveries
                + (deliveries == 1 ? " delivery" : " deliveries");
    }
}
