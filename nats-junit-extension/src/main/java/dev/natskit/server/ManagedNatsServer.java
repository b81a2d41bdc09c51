package dev.natskit.server;

/**
 * A nats-server that natskit started and owns, whichever backend runs it. Closing it stops the server and deletes
 * everything it left behind.
 */
public interface ManagedNatsServer extends NatsServerHandle, AutoCloseable {

    /**
     * Starts a server with the backend that {@link NatsServerOptions#backend()} selects, and waits until it accepts
     * clients and, if enabled, JetStream is on.
     *
     * @throws NatsServerBinaryNotFoundException if the binary backend is selected and no binary is found
     * @throws NatsServerException if the selected backend is unavailable, or none is available for {@code AUTO}
     * @throws NatsServerStartException if the server fails to start
     */
    static ManagedNatsServer start(NatsServerOptions options) {
        return ServerBackends.start(options);
    }

    /**
     * Stops the server abruptly, as a crash would: no clean shutdown, and JetStream data that was not yet synced to
     * disk may be lost. {@link #start()} brings it back.
     */
    void kill();

    /**
     * Deletes every JetStream stream, and with them every consumer, key-value bucket and object store. Does nothing
     * when JetStream is off.
     *
     * @return the number of streams deleted
     * @throws NatsServerException if the server is not running or a stream cannot be deleted
     */
    int deleteJetStreamData();

    /** Stops the server if it runs and deletes its directory and, for a container, the container. Idempotent. */
    @Override
    void close();
}
