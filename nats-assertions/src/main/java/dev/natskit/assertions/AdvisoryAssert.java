package dev.natskit.assertions;

import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the advisories an {@link AdvisoryRecorder} received about one consumer. Create one with
 * {@link NatsAssertions#assertThat(AdvisoryRecorder)}.
 *
 * <p>Each assertion waits up to {@link NatsAssertions#DEFAULT_TIMEOUT}, or the deadline set with
 * {@link #within(Duration)}, and wakes on every arrival.
 */
public class AdvisoryAssert extends AbstractAssert<AdvisoryAssert, AdvisoryRecorder> {

    private Duration timeout = NatsAssertions.DEFAULT_TIMEOUT;

    protected AdvisoryAssert(AdvisoryRecorder actual) {
        super(Objects.requireNonNull(actual, "advisories"), AdvisoryAssert.class);
    }

    /**
     * Sets the deadline of the assertions that follow.
     *
     * <pre>{@code
     * assertThat(advisories).within(Duration.ofSeconds(2)).reportsMaxDeliveries(1);
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public AdvisoryAssert within(Duration timeout) {
        this.timeout = NatsAssertions.requirePositive(timeout);
        return myself;
    }

    /**
     * Waits for the {@code MAX_DELIVERIES} advisory about the message at this stream sequence. The server sends it
     * once when it would deliver the message again after its MaxDeliver deliveries, and stops delivering it.
     *
     * <pre>{@code
     * assertThat(advisories).reportsMaxDeliveries(1);
     * }</pre>
     */
    public AdvisoryAssert reportsMaxDeliveries(long streamSequence) {
        AdvisoryChecker.reports(info, actual, "MAX_DELIVERIES", streamSequence, timeout);
        return myself;
    }

    /**
     * Waits for the {@code MSG_TERMINATED} advisory about the message at this stream sequence, which the server
     * sends when a client calls {@code term()} on it.
     *
     * <pre>{@code
     * message.term();
     * assertThat(advisories).reportsTerminated(1);
     * }</pre>
     *
     * <p>NOTE: nats-server sends this advisory from version 2.11 on; with older servers this assertion fails once
     * the deadline passes. {@link ConsumerAssert#willNotRedeliver(long)} works on every version.
     */
    public AdvisoryAssert reportsTerminated(long streamSequence) {
        AdvisoryChecker.reports(info, actual, "MSG_TERMINATED", streamSequence, timeout);
        return myself;
    }
}
