package dev.natskit.server;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A nats-server process started from a local binary.
 *
 * <p>Every server binds {@code 127.0.0.1} only, lets the operating system pick its client and monitoring ports, and
 * learns them from a ports file in its private directory, so parallel servers never race for a port. Each server
 * has its own JetStream store and temp directory. {@link #close()} stops the process and deletes the directory;
 * a JVM that exits without closing still takes the process with it, and on a normal exit a shutdown hook deletes
 * the directory. The directories of a JVM that was killed are deleted by the next JVM that starts a server in the
 * same base directory.
 *
 * <pre>{@code
 * try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
 *         Connection connection = server.connect()) {
 *     connection.publish("greetings", "hello".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 *
 * <p>Instances are safe for use by several threads.
 */
public final class LocalNatsServer implements ManagedNatsServer {

    private static final System.Logger LOGGER = System.getLogger(LocalNatsServer.class.getName());
    private static final int LOG_LINES_IN_ERRORS = 60;
    private static final String START_MARKER = "# natskit: starting";
    private static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final NatsServerOptions options;
    private final NatsServerBinary binary;
    private final ServerDirectory directory;
    private final String serverName;
    private final ClusterMembership membership;
    private final ServerLog log = new ServerLog();

    private ServerProcess process;
    private Connection control;
    private volatile List<String> configLines;
    private volatile String configuration = "";
    private volatile int clientPort = -1;
    private volatile int monitoringPort = -1;
    private volatile int clusterPort = -1;
    // The ports as the configuration of the running process names them: -1 on a first start. A reload must name
    // the same, since nats-server rejects a change of a listen port on reload.
    private volatile ListenPorts listenPorts = new ListenPorts(-1, -1, -1);
    private volatile String version = "";
    private volatile boolean paused;
    private volatile boolean closed;

    private LocalNatsServer(
            NatsServerOptions options,
            NatsServerBinary binary,
            ServerDirectory directory,
            String serverName,
            ClusterMembership membership) {
        this.options = options;
        this.binary = binary;
        this.directory = directory;
        this.serverName = serverName;
        this.membership = membership;
        this.configLines = options.configLines();
    }

    /**
     * The cluster a node belongs to. It is asked on every start and reload, so a restarted node routes to the
     * other nodes' current cluster ports.
     */
    interface ClusterMembership {
        /** Returns the cluster name, the same on every node. */
        String clusterName();

        /** Returns the route URLs this node connects to; never empty, since JetStream needs a configured route. */
        List<String> routes();
    }

    /**
     * Starts a server, waits until it accepts clients, and checks that JetStream is enabled when the options enable it.
     *
     * @throws NatsServerBinaryNotFoundException if no binary is found
     * @throws NatsServerStartException if the server exits or times out during start
     */
    public static LocalNatsServer start(NatsServerOptions options) {
        return start(
                options,
                NatsServerBinaries.resolve(options.binary().orElse(null), options.version(), options.downloads()));
    }

    /** Starts a server from a binary that was already resolved. */
    static LocalNatsServer start(NatsServerOptions options, NatsServerBinary binary) {
        return start(options, binary, "natskit-" + UUID.randomUUID().toString().substring(0, 8), null);
    }

    /** Starts a server with this name; {@code membership} is null for a server outside any cluster. */
    static LocalNatsServer start(NatsServerOptions options, String serverName, ClusterMembership membership) {
        NatsServerBinary binary =
                NatsServerBinaries.resolve(options.binary().orElse(null), options.version(), options.downloads());
        return start(options, binary, serverName, membership);
    }

    private static LocalNatsServer start(
            NatsServerOptions options, NatsServerBinary binary, String serverName, ClusterMembership membership) {
        ServerDirectory directory = ServerDirectory.createFor(options);
        LocalNatsServer server = new LocalNatsServer(options, binary, directory, serverName, membership);
        ShutdownCleanup.register(server);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public String url() {
        return "nats://" + host() + ":" + requirePort(clientPort);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return requirePort(clientPort);
    }

    @Override
    public String monitoringUrl() {
        return "http://" + host() + ":" + requirePort(monitoringPort);
    }

    @Override
    public String version() {
        return version;
    }

    /** Returns the binary this server runs. */
    public NatsServerBinary binary() {
        return binary;
    }

    @Override
    public boolean jetStreamEnabled() {
        return options.jetStream();
    }

    @Override
    public Path directory() {
        return directory.root();
    }

    @Override
    public String configuration() {
        return configuration;
    }

    /** Returns the {@code server_name} in the configuration: unique, and kept across restarts. */
    public String serverName() {
        return serverName;
    }

    /** Returns the route URL other nodes connect to, or empty for a server outside a cluster or never started. */
    Optional<String> clusterUrl() {
        return clusterPort < 0 ? Optional.empty() : Optional.of("nats://" + host() + ":" + clusterPort);
    }

    /** Returns the options this server was started with. */
    public NatsServerOptions options() {
        return options;
    }

    /** Returns the operating system's process id of the nats-server process, or empty when it is not running. */
    public synchronized Optional<Long> pid() {
        return process != null && process.isAlive() ? Optional.of(process.pid()) : Optional.empty();
    }

    @Override
    public Connection connect() {
        return connect(new Options.Builder());
    }

    @Override
    public Connection connect(Options.Builder builder) {
        try {
            return Nats.connect(builder.server(url()).build());
        } catch (IOException e) {
            throw new NatsServerException("failed to connect to nats-server at " + url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while connecting to nats-server at " + url(), e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("nats-server " + serverName + " is closed and cannot start again");
        }
        if (isRunning()) {
            return;
        }
        long startedAt = System.nanoTime();
        long deadline = startedAt + options.startTimeout().toNanos();
        try {
            launch(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure("interrupted while waiting for nats-server to start", e);
        } catch (IOException e) {
            throw startFailure("failed to start nats-server: " + e, e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        LOGGER.log(
                Level.INFO,
                () -> "nats-server " + version + " started on " + url() + " in " + millis + " ms (JetStream "
                        + (options.jetStream() ? "on" : "off") + ", binary from " + binary.source() + ": "
                        + binary.path() + ")");
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        closeControlConnection();
        try {
            if (paused) {
                // A stopped process keeps SIGTERM pending, so it would only exit when killed after the timeout.
                resume();
            }
            boolean clean = process.stop(options.stopTimeout().toNanos());
            if (!clean) {
                LOGGER.log(
                        Level.WARNING,
                        () -> "nats-server on port " + clientPort + " did not exit within " + options.stopTimeout()
                                + " after SIGTERM and was killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killQuietly();
        } finally {
            process = null;
            paused = false;
        }
        LOGGER.log(Level.DEBUG, () -> "nats-server on port " + clientPort + " stopped");
    }

    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Kills the server with SIGKILL, as a crash would: no clean shutdown, and JetStream data that was not yet synced
     * to disk may be lost. {@link #start()} brings it back.
     */
    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        closeControlConnection();
        killQuietly();
        process = null;
        paused = false;
    }

    /**
     * Suspends the server process with SIGSTOP, as a hung server or a long pause of its machine would. Its sockets
     * stay open, so clients and other nodes see no disconnect, only silence: they notice through missed pings.
     * {@link #resume()} lets it go on; {@link #stop()}, {@link #kill()} and {@link #close()} work while it is paused.
     *
     * @throws UnsupportedOperationException on Windows
     * @throws NatsServerException if the server is not running or the signal fails
     */
    @Override
    public synchronized void pause() {
        signal("STOP", "pause");
        paused = true;
    }

    /**
     * Resumes a paused server with SIGCONT. Does nothing when it is not paused.
     *
     * @throws NatsServerException if the signal fails
     */
    @Override
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        signal("CONT", "resume");
        paused = false;
    }

    /** Returns whether the server is paused by {@link #pause()}. */
    @Override
    public boolean isPaused() {
        return paused;
    }

    /**
     * Puts the server into lame duck mode with SIGUSR2 and waits until it logs that it entered it. The server then
     * stops accepting clients, notifies the connected ones so that they move to another server of the cluster, hands
     * its JetStream leaderships to other nodes, closes its client connections over {@code lame_duck_duration}
     * (2 minutes unless configured, 30 seconds at least) after {@code lame_duck_grace_period} (10 seconds), and
     * exits; without clients it exits at once. {@link #awaitExit(Duration)} waits for that exit and {@link #start()}
     * brings the server back. A {@link #stop()} in lame duck mode takes until the grace period ends (observed with
     * nats-server 2.15.1), and {@link #kill()} ends the server at once.
     *
     * @throws UnsupportedOperationException on Windows
     * @throws NatsServerException if the server is not running, or does not log lame duck mode within the start
     *     timeout
     */
    @Override
    public synchronized void enterLameDuckMode() {
        long mark = log.mark();
        signal("USR2", "enter lame duck mode on");
        awaitLogLine(mark, line -> line.contains("Entering lame duck mode"), "to enter lame duck mode");
    }

    /**
     * Waits until the server process exits on its own, as it does at the end of lame duck mode.
     *
     * @return whether it exited within the timeout
     */
    @Override
    public boolean awaitExit(Duration timeout) {
        ServerProcess current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return true;
        }
        try {
            current.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new NatsServerException("failed to wait for nats-server on port " + clientPort + " to exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while waiting for nats-server to exit", e);
        }
    }

    /**
     * Replaces the configuration lines added to the rendered file, rewrites the file and makes the running server
     * reload it with SIGHUP, then waits for the server to log the outcome. The new lines stay in force for later
     * restarts. nats-server rejects changes to some settings on reload, such as the listen port or JetStream's
     * store directory; the error then names the setting, and the server keeps its old configuration.
     *
     * @throws UnsupportedOperationException on Windows
     * @throws NatsServerException if the server is not running, rejects the configuration, or logs no outcome
     *     within the start timeout
     */
    @Override
    public synchronized void reload(List<String> lines) {
        List<String> previous = configLines;
        configLines = List.copyOf(lines);
        try {
            reloadConfiguration();
        } catch (RuntimeException e) {
            configLines = previous;
            writeConfiguration(render());
            throw e;
        }
    }

    /** Renders the configuration again, with the current routes and lines, and reloads it if it changed. */
    synchronized void reloadConfiguration() {
        String rendered = render();
        if (rendered.equals(configuration)) {
            return;
        }
        writeConfiguration(rendered);
        long mark = log.mark();
        signal("HUP", "reload the configuration of");
        String outcome = awaitLogLine(
                mark,
                line -> line.contains("Reloaded server configuration") || line.contains("Failed to reload"),
                "to reload its configuration");
        if (outcome.contains("Failed to reload")) {
            throw new NatsServerException("nats-server on port " + clientPort + " rejected the new configuration: "
                    + outcome + "\nConfiguration it rejected (" + directory.configurationFile() + "):\n"
                    + ServerText.indent(rendered.strip()));
        }
    }
    /**
     * Deletes every JetStream stream, and with them every consumer, key-value bucket and object store, so the next
     * test starts from an empty server. Does nothing when JetStream is off.
     *
     * @return the number of streams deleted
     * @throws NatsServerException if the server is not running or a stream cannot be deleted
     */
    @Override
    public synchronized int deleteJetStreamData() {
        if (!options.jetStream()) {
            return 0;
        }
        if (!isRunning()) {
            throw new NatsServerException("cannot delete JetStream data: nats-server on port " + clientPort
                    + " is not running. Start it first with start().");
        }
        try {
            if (control == null) {
                control = openControlConnection();
            }
            JetStreamManagement management = control.jetStreamManagement();
            List<String> names = management.getStreamNames();
            for (String name : names) {
                management.deleteStream(name);
            }
            return names.size();
        } catch (IOException | JetStreamApiException e) {
            throw new NatsServerException(
                    "failed to delete JetStream streams on " + url() + ": " + e.getMessage()
                            + ". The connection that deletes them has no credentials; if the configuration requires"
                            + " authorization, turn the reset off (resetJetStream = false in @NatsServer).",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while deleting JetStream streams on " + url(), e);
        }
    }

    @Override
    public List<String> logLines() {
        return log.lines();
    }

    @Override
    public String log() {
        return String.join("\n", log.lines());
    }

    /** Stops the server if it runs and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            ShutdownCleanup.unregister(this);
            try {
                directory.delete();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, () -> "failed to delete " + directory.root() + ": " + e);
            }
        }
    }

    /** Wakes {@code listener} on every line the server prints and on every change of its process. */
    void addLogListener(Runnable listener) {
        log.addListener(listener);
    }

    @Override
    public String toString() {
        return "LocalNatsServer[" + serverName + ", " + (clientPort > 0 ? url() : "not started") + "]";
    }

    private void writeConfiguration(String rendered) {
        try {
            Files.writeString(directory.configurationFile(), rendered, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NatsServerException("failed to write " + directory.configurationFile() + ": " + e, e);
        }
        configuration = rendered;
    }

    private String render() {
        ListenPorts ports = listenPorts;
        ServerConfiguration.Cluster cluster = membership == null
                ? null
                : new ServerConfiguration.Cluster(membership.clusterName(), ports.cluster(), membership.routes());
        return ServerConfiguration.render(
                serverName,
                new ServerConfiguration.Listeners("127.0.0.1", ports.client(), ports.monitoring()),
                options.jetStream(),
                directory.jetStreamStore().toString(),
                cluster,
                configLines);
    }

    private void signal(String signal, String action) {
        if (process == null || !process.isAlive()) {
            throw new NatsServerException("cannot " + action + " nats-server " + serverName
                    + ": it is not running. Start it first with start().");
        }
        try {
            process.signal(signal);
        } catch (IOException e) {
            throw new NatsServerException(
                    "failed to " + action + " nats-server " + serverName + " with SIG" + signal + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException(
                    "interrupted while sending SIG" + signal + " to nats-server " + serverName, e);
        }
    }

    private String awaitLogLine(long mark, Predicate<String> condition, String expectation) {
        try {
            return log.awaitLine(mark, condition, options.startTimeout().toNanos())
                    .orElseThrow(() -> new NatsServerException("timed out after "
                            + ServerText.duration(options.startTimeout())
                            + " waiting for nats-server " + serverName + " " + expectation + ". Last log lines:\n"
                            + ServerText.indent(log.tail(20))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException(
                    "interrupted while waiting for nats-server " + serverName + " " + expectation, e);
        }
    }

    private void launch(long deadline) throws IOException, InterruptedException {
        listenPorts = new ListenPorts(clientPort, monitoringPort, clusterPort);
        configuration = render();
        Files.writeString(directory.configurationFile(), configuration, StandardCharsets.UTF_8);
        directory.clearPortsFolder();

        List<String> arguments = List.of(
                "-c",
                directory.configurationFile().toString(),
                "--ports_file_dir",
                directory.portsFolder().toString());
        if (clientPort < 0) {
            log.append(START_MARKER + " " + binary.path());
        } else {
            log.append(START_MARKER + " again on port " + clientPort);
        }
        process = ServerProcess.launch(binary.path(), arguments, directory, log, LOGGER, options.logOutput());
        try {
            PortsFile.Ports ports = awaitPorts(deadline);
            clientPort = URI.create(ports.clientUrls().get(0)).getPort();
            if (!ports.monitoringUrls().isEmpty()) {
                monitoringPort = URI.create(ports.monitoringUrls().get(0)).getPort();
            }
            if (!ports.clusterUrls().isEmpty()) {
                clusterPort = URI.create(ports.clusterUrls().get(0)).getPort();
            }
            ServerInfoProbe.Info info = probe(deadline);
            version = info.version();
            if (options.jetStream() && !info.jetStream()) {
                throw startFailure(
                        "nats-server started without JetStream, although JetStream is on; a configuration line may"
                                + " turn it off. Remove that line, or turn JetStream off in the options",
                        null);
            }
            awaitReadyLine(deadline);
        } catch (RuntimeException | IOException | InterruptedException e) {
            killQuietly();
            process = null;
            throw e;
        }
    }

    /**
     * Waits until the captured log shows the server's "Server is ready" line, so that {@link #log()} contains it
     * when start returns: another thread copies the output, and it can lag behind the ports file. A server whose
     * configuration sends its log elsewhere, such as to a log file, prints no start banner, and then nothing is
     * awaited.
     */
    private void awaitReadyLine(long deadline) throws InterruptedException {
        while (true) {
            long seen = log.version();
            List<String> lines = log.lines();
            int marker = lines.size() - 1;
            while (marker > 0 && !lines.get(marker).startsWith(START_MARKER)) {
                marker--;
            }
            List<String> sinceStart = lines.subList(Math.max(marker, 0), lines.size());
            boolean banner = sinceStart.stream().anyMatch(line -> line.contains("Starting nats-server"));
            boolean ready = sinceStart.stream().anyMatch(line -> line.contains("Server is ready"));
            long remaining = deadline - System.nanoTime();
            if (ready || !banner || remaining <= 0) {
                return;
            }
            log.awaitChange(seen, remaining);
        }
    }

    /** Reads the server's INFO line; the server sends it to every client, so it needs no credentials. */
    private ServerInfoProbe.Info probe(long deadline) {
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            return ServerInfoProbe.read(host(), clientPort, (int) Math.min(Integer.MAX_VALUE, remainingMillis));
        } catch (IOException e) {
            throw startFailure(
                    "nats-server wrote its ports file, but reading its INFO line on port " + clientPort + " failed: "
                            + e.getMessage(),
                    e);
        }
    }

    private PortsFile.Ports awaitPorts(long deadline) throws IOException, InterruptedException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            directory
                    .portsFolder()
                    .register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Thread relay = relayFileEvents(watcher);
            try {
                while (true) {
                    long seen = log.version();
                    Optional<PortsFile.Ports> ports = PortsFile.read(directory.portsFolder());
                    if (ports.isPresent()) {
                        return ports.get();
                    }
                    if (!process.isAlive()) {
                        // The last lines, such as a parse error, may still be in the pipe when the exit is seen.
                        process.awaitOutputEnd(OUTPUT_DRAIN_TIMEOUT);
                        throw startFailure(
                                "nats-server exited with code "
                                        + process.exitCode()
                                                .map(String::valueOf)
                                                .orElse("unknown")
                                        + " during startup",
                                null);
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw startFailure(
                                "timed out after " + ServerText.duration(options.startTimeout())
                                        + " waiting for nats-server to write its ports file to "
                                        + directory.portsFolder()
                                        + "; raise the start timeout if the machine is slow",
                                null);
                    }
                    log.awaitChange(seen, remaining);
                }
            } finally {
                relay.interrupt();
            }
        }
    }

    /** Wakes {@link #awaitPorts} on every file event, so the wait reacts to the ports file as soon as it changes. */
    private Thread relayFileEvents(WatchService watcher) {
        Thread relay = new Thread(
                () -> {
                    try {
                        while (true) {
                            watcher.take().reset();
                            log.signal();
                        }
                    } catch (InterruptedException | ClosedWatchServiceException e) {
                        // The wait is over: the server is ready, exited or timed out.
                    }
                },
                "natskit-ports-file-watch");
        relay.setDaemon(true);
        relay.start();
        return relay;
    }

    private Connection openControlConnection() throws IOException, InterruptedException {
        Options controlOptions = new Options.Builder()
                .server(url())
                .connectionName("natskit-control")
                .noReconnect()
                .build();
        return Nats.connect(controlOptions);
    }

    private NatsServerStartException startFailure(String summary, Throwable cause) {
        StringBuilder message = new StringBuilder(summary).append('\n');
        message.append("Command: ")
                .append(process == null ? binary.path().toString() : String.join(" ", process.serverCommand()))
                .append('\n');
        message.append("Binary: ")
                .append(binary.path())
                .append(" (from ")
                .append(binary.source())
                .append(")\n");
        message.append("Server log (last ").append(LOG_LINES_IN_ERRORS).append(" lines):\n");
        message.append(ServerText.indent(log.tail(LOG_LINES_IN_ERRORS))).append('\n');
        message.append("Effective configuration (")
                .append(directory.configurationFile())
                .append("):\n");
        message.append(ServerText.indent(configuration.strip()));
        return cause == null
                ? new NatsServerStartException(message.toString())
                : new NatsServerStartException(message.toString(), cause);
    }

    private void closeControlConnection() {
        if (control == null) {
            return;
        }
        try {
            control.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            control = null;
        }
    }

    private void killQuietly() {
        if (process == null) {
            return;
        }
        try {
            process.kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int requirePort(int port) {
        if (port < 0) {
            throw new IllegalStateException("nats-server " + serverName + " has not started yet, so it has no port");
        }
        return port;
    }

    private record ListenPorts(int client, int monitoring, int cluster) {}
}
