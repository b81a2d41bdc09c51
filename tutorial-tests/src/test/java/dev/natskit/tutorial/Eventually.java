package dev.natskit.tutorial;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waits for server state that no event announces, such as a message removed by a stream's max age or an ack that
 * the server applied in the background. The probe runs again every {@link #POLL_INTERVAL} until its value meets
 * the condition or the deadline passes.
 *
 * <p>Prefer an event where the server sends one: a delivery, a publish ack, an advisory.
 */
public final class Eventually {

    /** Pause between two probes. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private Eventually() {}

    /** A query of server state, such as {@code () -> jsm.getStreamInfo("ORDERS")}. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /**
     * Runs the probe until its value meets the condition, and returns that value.
     *
     * @param description what the condition means, for the failure message, such as "no message left in ORDERS"
     * @throws AssertionError if the deadline passes first; the message shows the last value probed
     */
    public static <T> T await(String description, Duration timeout, Probe<T> probe, Predicate<T> condition)
            throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (condition.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + description
                        + ". The last value probed was:\n  " + value);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }
}
