package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.Status;
import java.time.Duration;

/**
 * What one request got back: a reply, the no responders status, or nothing before the deadline.
 *
 * @param reply the reply, or null unless {@code kind} is {@link Kind#REPLY}
 */
record RequestOutcome(Kind kind, Message reply) {

    enum Kind {
        REPLY,
        NO_RESPONDERS,
        TIMED_OUT
    }

    /**
     * Sends a request and waits for its outcome.
     *
     * <p>The request goes out with a reply subject of its own, read through a synchronous subscription, instead
     * of through {@code Connection.request}. How {@code Connection.request} reports no responders depends on the
     * connection's options (jnats 2.26.2): without options the synchronous form returns null, as on a timeout,
     * and the future is cancelled; with {@code reportNoResponders()} the future fails with a
     * {@code JetStreamStatusException}, while the synchronous form still returns null; with
     * {@code advancedRequestBehavior()} the synchronous form returns a {@code RequestFailureMessage} with reason
     * {@code NO_RESPONDERS}. Reading the status message itself gives the same result for every connection.
     *
     * <p>NOTE: the server sends the status only to connections that support headers and do not set
     * {@code noNoResponders()}; on any other connection a request without responders times out.
     */
    static RequestOutcome send(Connection connection, Message request, Duration timeout) throws InterruptedException {
        String replySubject = connection.createInbox();
        Subscription subscription = connection.subscribe(replySubject);
        try {
            connection.publish(NatsMessage.builder()
                    .subject(request.getSubject())
                    .replyTo(replySubject)
                    .headers(request.getHeaders())
                    .data(request.getData())
                    .build());
            Message reply = subscription.nextMessage(timeout);
            if (reply == null) {
                return new RequestOutcome(Kind.TIMED_OUT, null);
            }
            if (reply.isStatusMessage() && reply.getStatus().getCode() == Status.NO_RESPONDERS_CODE) {
                return new RequestOutcome(Kind.NO_RESPONDERS, null);
            }
            return new RequestOutcome(Kind.REPLY, reply);
        } finally {
            subscription.unsubscribe();
        }
    }
}
