package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records every message that one subscription receives, in arrival order, for assertions to inspect.
 *
 * <p>Create one with {@link NatsAssertions#record(Connection, String)}. The recorder subscribes through a dispatcher
 * of its own, so its handler runs on one thread and receives messages in the order the server delivered them. Close it
 * to unsubscribe; closing does not close the connection.
 *
 * <pre>{@code
 * try (MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
 *     connection.publish("orders.created", "order-1".getBytes(StandardCharsets.UTF_8));
 *     assertThat(recorder).receives(1).withData("order-1");
 * }
 * }</pre>
 *
 * <p>Instances are safe for use by several threads.
 */
public final class MessageRecorder implements AutoCloseable {

    /** Deadline for the flush that registers a subscription on the server. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

    private final Connection connection;
    private final String subject;
    private final String queueGroup;
    private final Dispatcher dispatcher;
    private final String drainSubject;

    // Guards the fields below. Members of a queue group share one lock, so the group can wait for all of them.
    private final Object lock;
    private final List<Message> messages = new ArrayList<>();
    private int checkedCount;
    private long drainsRequested;
    private long drainsCompleted;
    private boolean closed;

    private MessageRecorder(Connection connection, String subject, String queueGroup, Object lock) {
        this.connection = connection;
        this.subject = subject;
        this.queueGroup = queueGroup;
        this.lock = lock;
        this.drainSubject = connection.createInbox();
        this.dispatcher = connection.createDispatcher(this::onMessage);
        dispatcher.subscribe(drainSubject, message -> onDrainMarker());
        if (queueGroup == null) {
            dispatcher.subscribe(subject);
        } else {
            dispatcher.subscribe(subject, queueGroup);
        }
    }

    /** Subscribes and flushes; see {@link NatsAssertions#record(Connection, String, String)}. */
    static MessageRecorder start(Connection connection, String subject, String queueGroup) {
        MessageRecorder recorder = startUnflushed(connection, subject, queueGroup, new Object());
        flushSubscriptions(connection, recorder.describeSubscription());
        return recorder;
    }

    /** Subscribes without a flush, so that a caller that subscribes several recorders flushes once. */
    static MessageRecorder startUnflushed(Connection connection, String subject, String queueGroup, Object lock) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(subject, "subject");
        return new MessageRecorder(connection, subject, queueGroup, lock);
    }

    /** Flushes the connection, so that the server has registered its subscriptions before anyone publishes to them. */
    static void flushSubscriptions(Connection connection, String description) {
        try {
            connection.flush(FLUSH_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Timed out after " + MessageText.duration(FLUSH_TIMEOUT) + " flushing the subscription to "
                            + description + ". Is the connection to the server up?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while flushing the subscription to " + description, e);
        }
    }

    /** Returns the subject this recorder subscribed to, wildcards included. Never null. */
    public String subject() {
        return subject;
    }

    /** Returns the queue group this recorder is a member of, or empty for a plain subscription. */
    public Optional<String> queueGroup() {
        return Optional.ofNullable(queueGroup);
    }

    /** Returns a copy of the messages received so far, in arrival order. Never null. */
    public List<Message> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    /** Returns how many messages arrived so far. */
    public int count() {
        synchronized (lock) {
            return messages.size();
        }
    }

    /**
     * Waits until at least {@code n} messages arrived or the timeout elapsed. Every arrival wakes the wait.
     *
     * @return whether {@code n} messages arrived in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitCount(int n, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (messages.size() < n) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return true;
        }
    }

    /** Unsubscribes and leaves the connection open. The messages received so far stay readable. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (connection.getStatus() != Connection.Status.CLOSED) {
            connection.closeDispatcher(dispatcher);
        }
    }

    @Override
    public String toString() {
        return "MessageRecorder[" + describeSubscription() + ", " + MessageText.messages(count()) + "]";
    }

    /** Describes the subscription for failure messages, such as {@code "orders" in queue group "workers"}. */
    String describeSubscription() {
        String quotedSubject = MessageText.quote(subject);
        return queueGroup == null ? quotedSubject : quotedSubject + " in queue group " + MessageText.quote(queueGroup);
    }

    Object lock() {
        return lock;
    }

    /** Returns how many messages earlier assertions accounted for; {@code receivesNothingMore} starts after them. */
    int checkedCount() {
        synchronized (lock) {
            return checkedCount;
        }
    }

    /** Records that assertions accounted for the first {@code count} messages. The count never goes down. */
    void markChecked(int count) {
        synchronized (lock) {
            checkedCount = Math.max(checkedCount, count);
        }
    }

    /**
     * Waits until the dispatcher handled every message that this connection had received when the call began.
     *
     * <p>The recorder publishes a marker to a private inbox that its own dispatcher subscribes to. The server sends
     * the marker back after every message it had already queued for this connection, the client queues it behind
     * them, and the dispatcher's single thread handles them in that order: when the marker's handler runs, the
     * messages before it have been recorded.
     *
     * @return whether the marker came back within the timeout
     * @throws IllegalStateException if the connection was created with {@code noEcho()}, because the server then
     *     never returns the marker to the connection that published it
     */
    boolean drain(Duration timeout) throws InterruptedException {
        if (connection.getOptions().isNoEcho()) {
            throw new IllegalStateException("Cannot wait for the dispatcher of " + describeSubscription()
                    + " to drain, because its connection sets noEcho() and so never receives the marker it"
                    + " publishes to itself. Record on a connection without noEcho().");
        }
        long target;
        synchronized (lock) {
            target = ++drainsRequested;
        }
        connection.publish(drainSubject, ("drain " + target).getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (drainsCompleted < target) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return true;
        }
    }

    private void onMessage(Message message) {
        // A recorder on a wide wildcard such as ">" also matches its own drain inbox; markers are not recorded.
        if (drainSubject.equals(message.getSubject())) {
            return;
        }
        synchronized (lock) {
            messages.add(message);
            lock.notifyAll();
        }
    }

    private void onDrainMarker() {
        synchronized (lock) {
            drainsCompleted++;
            lock.notifyAll();
        }
    }
}
