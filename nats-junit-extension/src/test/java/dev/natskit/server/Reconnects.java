package dev.natskit.server;

import io.nats.client.Connection;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waits for a connection to come back after its server restarted. */
public final class Reconnects {

    private Reconnects() {}

    /**
     * Waits until the connection has reconnected and the server returns a PONG, for at most 15 seconds.
     *
     * <p>A single flush right after a restart is not enough: when the client notices the lost socket only after the
     * flush sent its PING, the reconnect cancels that PING's future and jnats 2.26 reports the flush as a
     * {@code TimeoutException} caused by a {@code CancellationException}. The next flush waits for the reconnect.
     *
     * <p>NOTE: under load, a connection to a restarted container has reported CONNECTED while its PINGs went
     * unanswered, probably a connection that Docker's port proxy kept open to the stopped container. The
     * connection's own pings close it, so each flush is bounded and repeated until the reconnect to the new
     * container.
     */
    public static void await(Connection connection) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                connection.flush(Duration.ofSeconds(2));
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "connection did not reconnect within 15 s; its status is " + connection.getStatus(), e);
                }
            }
        }
    }
}
