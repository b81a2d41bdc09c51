package dev.natskit.server;

import io.nats.client.Connection;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Controls one running nats-server: where clients reach it, what it printed, and its life cycle.
 *
 * <p>{@link #stop()}, {@link #start()} and {@link #restart()} keep the JetStream data and the port: a binary
 * server and a container on a local Docker engine listen on {@code 127.0.0.1} on a port picked when they first
 * started. A container on a remote engine gets a new host port from Docker each time it starts, so {@link #url()}
 * and {@link #port()} change, and connections opened with {@link #connect(Options.Builder)} follow the change when
 * they reconnect.
 *
 * <p>The fault methods ({@link #kill()}, {@link #pause()}, {@link #enterLameDuckMode()}, {@link #reload(List)} and
 * their companions) have default implementations that raise {@link UnsupportedOperationException}, for handles of
 * servers that cannot be controlled that way; {@link LocalNatsServer} implements them all on Unix.
 */
public interface NatsServerHandle {

    /** Returns the client URL for the current or last start, such as {@code nats://127.0.0.1:40847}. */
    String url();

    /** Returns the host clients connect to, {@code 127.0.0.1} unless a container runs on a remote Docker engine. */
    String host();

    /** Returns the client port. */
    int port();

    /** Returns the monitoring URL, such as {@code http://127.0.0.1:40848}. */
    String monitoringUrl();

    /** Returns the server's version as it reports it to clients, such as {@code 2.10.27}. */
    String version();

    /** Returns whether JetStream is enabled on this server. */
    boolean jetStreamEnabled();

    /**
     * Returns the server's private directory on this machine, which contains its configuration file and, for a binary
     * server, its JetStream store. A container keeps its JetStream store inside the container.
     */
    Path directory();

    /** Returns the effective configuration file as rendered for the current or last start. */
    String configuration();

    /**
     * Opens a new client connection with jnats defaults. The caller closes it.
     *
     * @throws NatsServerException if the connection fails
     */
    Connection connect();

    /**
     * Opens a new client connection with the given options; the server URL is set to {@link #url()}, and for a
     * container a reconnect uses the URL of the container's current start. The caller closes it.
     *
     * @throws NatsServerException if the connection fails
     */
    Connection connect(Options.Builder options);

    /** Returns whether the server process or container is running. */
    boolean isRunning();

    /** Stops the server with SIGTERM, and kills it if it has not exited within the stop timeout. Idempotent. */
    void stop();

    /**
     * Starts a stopped server with the same JetStream store, on the same port unless it is a container on a remote
     * Docker engine, and waits until it accepts clients. Does nothing if it is running.
     *
     * @throws NatsServerStartException if the server fails to start, for example because another process took
     *     its port in the meantime
     */
    void start();

    /** Stops and starts the server; see {@link #stop()} and {@link #start()}. */
    void restart();

    /** Returns the lines the server printed since it was first started, oldest first; at most the last 10,000. */
    List<String> logLines();

    /** Returns {@link #logLines()} joined by line breaks. */
    String log();

    /**
     * Returns the {@code server_name} of this server, which JetStream reports as the leader of a stream or
     * consumer, and which stays the same across restarts.
     */
    default String serverName() {
        throw unsupported("serverName()");
    }

    /** Kills the server with SIGKILL, without a clean shutdown, as a crash would; {@link #start()} brings it back. */
    default void kill() {
        throw unsupported("kill()");
    }

    /** Suspends the server process, as a hung server would; {@link #resume()} lets it go on. */
    default void pause() {
        throw unsupported("pause()");
    }

    /** Resumes a server suspended by {@link #pause()}; does nothing when it is not paused. */
    default void resume() {
        throw unsupported("resume()");
    }

    /** Returns whether the server is suspended by {@link #pause()}. */
    default boolean isPaused() {
        return false;
    }

    /**
     * Puts the server into lame duck mode: it stops accepting clients, requests the connected ones to move to another
     * server, and exits once it has closed them.
     */
    default void enterLameDuckMode() {
        throw unsupported("enterLameDuckMode()");
    }

    /** Waits until the server exits on its own, as at the end of lame duck mode; returns whether it did in time. */
    default boolean awaitExit(Duration timeout) {
        throw unsupported("awaitExit(Duration)");
    }

    /**
     * Replaces the configuration lines added by the test and makes the running server reload its configuration,
     * without a restart.
     */
    default void reload(List<String> configLines) {
        throw unsupported("reload(List)");
    }

    private UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " does not support " + method);
    }
}
