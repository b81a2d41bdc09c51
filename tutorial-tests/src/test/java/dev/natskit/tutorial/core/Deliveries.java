package dev.natskit.tutorial.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Assertion steps that the core specifications share, written with plain jnats and AssertJ.
 *
 * <p>TODO: replace these steps with {@code NatsAssertions.record(...)} and its {@code receives(...)} and
 * {@code receivesNothingMore(...)} assertions once the nats-assertions module is available to the tutorial.
 */
final class Deliveries {

    /** Deadline for every wait in the core specifications; a passing run never waits this long. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Deliveries() {}

    /** Returns the message data decoded as UTF-8. */
    static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /** Encodes text as UTF-8 message data. */
    static byte[] data(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts that the next messages of a synchronous subscription carry exactly {@code expected}, in order. */
    static void assertReceives(Subscription subscription, String... expected) throws InterruptedException {
        List<String> received = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            Message message = subscription.nextMessage(TIMEOUT);
            if (message == null) {
                break;
            }
            received.add(text(message));
        }
        assertThat(received)
                .as("data of the messages received on %s within %s each", subscription.getSubject(), TIMEOUT)
                .containsExactly(expected);
    }

    /**
     * Asserts that no message is on its way to a synchronous subscription, after every message that {@code
     * publisher} sent so far has been routed. See {@link #settle(Connection, Connection)}.
     */
    static void assertReceivesNothingMore(Subscription subscription, Connection subscriber, Connection publisher)
            throws TimeoutException, InterruptedException {
        settle(publisher, subscriber);
        assertThat(subscription.getPendingMessageCount())
                .as("messages pending on %s after flushing publisher and subscriber", subscription.getSubject())
                .isZero();
    }

    /**
     * Returns every message that has reached a synchronous subscription once {@code publisher}'s messages have been
     * routed. See {@link #settle(Connection, Connection)}.
     */
    static List<Message> drain(Subscription subscription, Connection subscriber, Connection publisher)
            throws TimeoutException, InterruptedException {
        settle(publisher, subscriber);
        List<Message> messages = new ArrayList<>();
        while (subscription.getPendingMessageCount() > 0) {
            messages.add(subscription.nextMessage(TIMEOUT));
        }
        return messages;
    }

    /**
     * Waits with two flush round trips until every message that {@code publisher} sent so far sits in {@code
     * subscriber}'s subscription queues. The publisher's flush returns once the server has processed its
     * messages and queued their copies for each subscriber. The subscriber's flush then returns after the server's
     * reply, which the server sends behind those copies, and jnats reads a connection's input in order.
     */
    static void settle(Connection publisher, Connection subscriber) throws TimeoutException, InterruptedException {
        publisher.flush(TIMEOUT);
        subscriber.flush(TIMEOUT);
    }
}
