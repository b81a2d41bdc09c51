package dev.natskit.server;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the events of a connection in order, so a test can wait for the next one of a kind. */
public final class ConnectionEvents implements ConnectionListener {

    private final List<Events> seen = new ArrayList<>();

    @Override
    public synchronized void connectionEvent(Connection connection, Events event) {
        seen.add(event);
        notifyAll();
    }

    /** Returns the number of events so far, a mark for {@link #await(int, Events, Duration)}. */
    public synchronized int mark() {
        return seen.size();
    }

    /**
     * Waits for an event of this kind after {@code mark}.
     *
     * @throws AssertionError if none comes within the timeout, with the events that did come
     */
    public synchronized void await(int mark, Events event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.subList(mark, seen.size()).contains(event)) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new AssertionError("Expecting connection event " + event + " within " + timeout
                        + ", but the connection reported only " + seen.subList(mark, seen.size()));
            }
            wait(remainingMillis);
        }
    }

    /** Returns the events after {@code mark}, oldest first. */
    public synchronized List<Events> since(int mark) {
        return new ArrayList<>(seen.subList(mark, seen.size()));
    }
}
