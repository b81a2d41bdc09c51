package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records the messages that each member of one queue group receives.
 *
 * <p>Create one with {@link NatsAssertions#recordQueueGroup(Connection, String, String, int)}. Every member is a
 * {@link MessageRecorder} with a subscription of its own in the queue group, so the server delivers each message
 * to one member, which it picks at random. Close the group to unsubscribe every member.
 *
 * <pre>{@code
 * try (QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 3)) {
 *     for (int i = 1; i <= 30; i++) {
 *         connection.publish("orders", ("order-" + i).getBytes(StandardCharsets.UTF_8));
 *     }
 *     assertThat(group).deliversEachMessageOnce(30).everyMemberReceivedAtLeastOne();
 * }
 * }</pre>
 *
 * <p>Instances are safe for use by several threads.
 */
public final class QueueGroupRecorder implements AutoCloseable {

    private final String subject;
    private final String queueGroup;
    private final List<MessageRecorder> members;
    private final Object lock;

    private QueueGroupRecorder(String subject, String queueGroup, List<MessageRecorder> members, Object lock) {
        this.subject = subject;
        this.queueGroup = queueGroup;
        this.members = List.copyOf(members);
        this.lock = lock;
    }

    /** Subscribes the members and flushes once; see {@link NatsAssertions#recordQueueGroup}. */
    static QueueGroupRecorder start(Connection connection, String subject, String queueGroup, int memberCount) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(queueGroup, "queueGroup");
        if (memberCount < 1) {
            throw new IllegalArgumentException("The number of members must be at least 1, but was " + memberCount);
        }
        Object lock = new Object();
        List<MessageRecorder> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            members.add(MessageRecorder.startUnflushed(connection, subject, queueGroup, lock));
        }
        QueueGroupRecorder group = new QueueGroupRecorder(subject, queueGroup, members, lock);
        MessageRecorder.flushSubscriptions(connection, group.describeGroup());
        return group;
    }

    /** Returns the subject the members subscribed to. Never null. */
    public String subject() {
        return subject;
    }

    /** Returns the name of the queue group. Never null. */
    public String queueGroup() {
        return queueGroup;
    }

    /** Returns the members in the order they subscribed. Never null. Member 1 in failure messages is index 0. */
    public List<MessageRecorder> members() {
        return members;
    }

    /** Returns a copy of the messages of every member, member by member, each in arrival order. Never null. */
    public List<Message> messages() {
        synchronized (lock) {
            List<Message> all = new ArrayList<>();
            members.forEach(member -> all.addAll(member.messages()));
            return all;
        }
    }

    /** Returns how many messages arrived at all members together. */
    public int count() {
        synchronized (lock) {
            return members.stream().mapToInt(MessageRecorder::count).sum();
        }
    }

    /** Returns how many messages each member received, in member order. Never null. */
    public List<Integer> memberCounts() {
        synchronized (lock) {
            return members.stream().map(MessageRecorder::count).toList();
        }
    }

    /**
     * Waits until at least {@code n} messages arrived at the members together, or the timeout elapsed. Every
     * arrival at any member wakes the wait.
     *
     * @return whether {@code n} messages arrived in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitCount(int n, Duration timeout) throws InterruptedException {
        return awaitMembers(
                timeout, counts -> counts.stream().mapToInt(Integer::intValue).sum() >= n);
    }

    /** Unsubscribes every member and leaves the connection open. Idempotent. */
    @Override
    public void close() {
        members.forEach(MessageRecorder::close);
    }

    @Override
    public String toString() {
        return "QueueGroupRecorder[" + describeGroup() + ", member counts " + memberCounts() + "]";
    }

    /** Describes the group for failure messages, such as {@code "workers" on "orders" with 3 members}. */
    String describeGroup() {
        return MessageText.quote(queueGroup) + " on " + MessageText.quote(subject) + " with " + members.size()
                + (members.size() == 1 ? " member" : " members");
    }

    /** Waits until the member counts satisfy the condition, woken by every arrival. */
    boolean awaitMembers(Duration timeout, Predicate<List<Integer>> condition) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(memberCounts())) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
            return true;
        }
    }
}
