package dev.natskit.server;

import io.nats.client.Options;
import io.nats.client.ServerPool;
import io.nats.client.support.NatsUri;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A jnats server pool of one server whose URL is read again on every connect and reconnect, so that a connection
 * follows a container to the new host port it gets when it starts again.
 */
final class CurrentUrlServerPool implements ServerPool {

    private final Supplier<String> url;

    CurrentUrlServerPool(Supplier<String> url) {
        this.url = url;
    }

    @Override
    public void initialize(Options options) {}

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
        return current();
    }

    @Override
    public List<String> resolveHostToIps(String host) {
        // null tells jnats to connect to the host as it is written.
        return null;
    }

    @Override
    public void connectSucceeded(NatsUri server) {}

    @Override
    public void connectFailed(NatsUri server) {}

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
