package dev.natskit.server;

import io.nats.client.Options;
import io.nats.client.ServerPool;
import io.nats.client.support.NatsUri;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A jnats server pool of one server whose URL is read again on every connect and reconnect, so that a connection
 * follows a container to the new host port it gets when it starts again.
 *
 * <p>jnats waits its reconnect wait only when the pool returns the first server of a reconnect pass again. Once
 * the URL changes, that never happens, and jnats would retry without pause while the container starts. So after
 * a failed attempt, {@link #nextServer()} waits until the server has started again or the reconnect wait ends.
 */
final class CurrentUrlServerPool implements ServerPool {

    /** Counts completed starts of a server and lets a thread wait for the next one. */
    interface Starts {
        long count();

        void awaitStartAfter(long seenCount, Duration timeout) throws InterruptedException;
    }

    private final Supplier<String> url;
    private final Starts starts;
    private volatile Duration reconnectWait = Options.DEFAULT_RECONNECT_WAIT;
    private volatile long failedAtCount = -1;

    CurrentUrlServerPool(Supplier<String> url, Starts starts) {
        this.url = url;
        this.starts = starts;
    }

    @Override
    public void initialize(Options options) {
        reconnectWait = options.getReconnectWait();
    }

    @Override
    public boolean acceptDiscoveredUrls(List<String> discoveredServers) {
        // A container advertises addresses inside Docker's network, which clients on the host cannot reach.
        return false;
    }

    @Override
    public NatsUri peekNextServer() {
        return current();
    }

    @Override
    public NatsUri nextServer() {
        long failed = failedAtCount;
        if (failed >= 0) {
            failedAtCount = -1;
            try {
                starts.awaitStartAfter(failed, reconnectWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return current();
    }

    @Override
    public List<String> resolveHostToIps(String host) {
        // null makes jnats connect to the host as it is written.
        return null;
    }

    @Override
    public void connectSucceeded(NatsUri server) {}

    @Override
    public void connectFailed(NatsUri server) {
        failedAtCount = starts.count();
    }

    @Override
    public List<String> getServerList() {
        return List.of(url.get());
    }

    @Override
    public boolean hasSecureServer() {
        return false;
    }

    private NatsUri current() {
        try {
            return new NatsUri(url.get());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("invalid nats-server URL " + url.get(), e);
        }
    }
}
