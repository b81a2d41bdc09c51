package dev.natskit.assertions;

import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a queue group shared messages among its members. Create one with
 * {@link NatsAssertions#assertThat(QueueGroupRecorder)}.
 *
 * <p>The server picks a member at random for each message, not in turn, so these assertions check that each
 * message reached one member and that every member took part, never equal shares. Messages are identified by
 * their data, so publish distinct data. Every failure message shows how many messages each member received.
 */
public class QueueGroupAssert extends AbstractAssert<QueueGroupAssert, QueueGroupRecorder> {

    private Duration timeout = NatsAssertions.DEFAULT_TIMEOUT;

    protected QueueGroupAssert(QueueGroupRecorder actual) {
        super(Objects.requireNonNull(actual, "group"), QueueGroupAssert.class);
    }

    /**
     * Sets the deadline of the waiting assertions that follow.
     *
     * <pre>{@code
     * assertThat(group).within(Duration.ofSeconds(10)).deliversEachMessageOnce(1000);
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public QueueGroupAssert within(Duration timeout) {
        this.timeout = NatsAssertions.requirePositive(timeout);
        return myself;
    }

    /**
     * Waits until {@code total} messages arrived at the members together, then checks that exactly that many
     * arrived and that no data arrived twice, at one member or at two.
     *
     * <pre>{@code
     * assertThat(group).deliversEachMessageOnce(30);
     * }</pre>
     *
     * <p>NOTE: a duplicate that arrives after the total was reached is not seen here.
     */
    public QueueGroupAssert deliversEachMessageOnce(int total) {
        QueueGroupChecker.deliversEachMessageOnce(info, actual, total, timeout);
        return myself;
    }

    /**
     * Waits until every member received at least one message, and fails when the deadline passes first.
     *
     * <pre>{@code
     * assertThat(group).deliversEachMessageOnce(30).everyMemberReceivedAtLeastOne();
     * }</pre>
     */
    public QueueGroupAssert everyMemberReceivedAtLeastOne() {
        QueueGroupChecker.everyMemberReceivedAtLeastOne(info, actual, timeout);
        return myself;
    }
}
