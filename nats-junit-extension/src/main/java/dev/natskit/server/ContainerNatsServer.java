package dev.natskit.server;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ResourceReaper;

/**
 * A nats-server in a Docker container, started through Testcontainers. It needs the test dependency
 * {@code org.testcontainers:testcontainers} and a Docker engine.
 *
 * <p>The container runs the same rendered configuration as a {@link LocalNatsServer}, with its listeners on
 * {@code 0.0.0.0} inside the container and its JetStream store under {@value #STORE_DIRECTORY} in the container's
 * file system. {@link #stop()} and {@link #start()} stop and start the same container, so the JetStream data
 * survives. With an engine on this machine, the client and monitoring ports are published on free ports of
 * {@code 127.0.0.1} picked at creation, which every start binds again. With a remote engine, Docker picks new host
 * ports on every start: {@link #url()} and {@link #port()} return the current ones, and connections opened with
 * {@link #connect(Options.Builder)} reconnect to them.
 * {@link #close()} removes the container.
 *
 * <p>Instances are safe for use by several threads.
 */
public final class ContainerNatsServer implements ManagedNatsServer {

    /** Label that every container natskit starts carries; its value is the server name. */
    public static final String SERVER_LABEL = "dev.natskit.server";

    /**
     * Label set to the value of the environment variable {@value #RUN_ENVIRONMENT_VARIABLE} when that is set, so
     * that a CI run can find and remove exactly the containers it started.
     */
    public static final String RUN_LABEL = "dev.natskit.run";

    /** Environment variable whose value becomes the {@value #RUN_LABEL} label. */
    public static final String RUN_ENVIRONMENT_VARIABLE = "NATSKIT_RUN_ID";

    static final int CLIENT_PORT = 4222;
    static final int MONITORING_PORT = 8222;
    static final String CONFIGURATION_PATH = "/etc/natskit/nats-server.conf";
    static final String STORE_DIRECTORY = "/data";

    private static final System.Logger LOGGER = System.getLogger(ContainerNatsServer.class.getName());
    private static final int LOG_LINES_IN_ERRORS = 60;

    private final NatsServerOptions options;
    private final ServerDirectory directory;
    private final String serverName;
    private final String configuration;
    private final ServerLog log = new ServerLog();

    private DockerClient docker;
    private volatile String containerId = "";
    private ContainerLogFollower follower;
    private Connection control;
    private volatile String host = "127.0.0.1";
    private volatile int clientPort = -1;
    private volatile int monitoringPort = -1;
    private volatile String version = "";
    private volatile boolean closed;
    private final Object startsMonitor = new Object();
    private long startCount;

    private ContainerNatsServer(NatsServerOptions options, ServerDirectory directory) {
        this.options = options;
        this.directory = directory;
        this.serverName = "natskit-" + UUID.randomUUID().toString().substring(0, 8);
        this.configuration = ServerConfiguration.render(
                serverName,
                new ServerConfiguration.Listeners("0.0.0.0", CLIENT_PORT, MONITORING_PORT),
                options.jetStream(),
                STORE_DIRECTORY,
                null,
                options.configLines());
    }

    /**
     * Starts a container from {@link NatsServerOptions#image()} and waits until the server accepts clients and, if
     * enabled, JetStream is on.
     *
     * @throws NatsServerStartException if the container fails to start, exits or times out during start
     */
    public static ContainerNatsServer start(NatsServerOptions options) {
        ContainerNatsServer server = new ContainerNatsServer(options, ServerDirectory.createFor(options));
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
        return "nats://" + host + ":" + requirePort(clientPort);
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return requirePort(clientPort);
    }

    @Override
    public String monitoringUrl() {
        return "http://" + host + ":" + requirePort(monitoringPort);
    }

    @Override
    public String version() {
        return version;
    }

    /** Returns the Docker image this container runs, such as {@code nats:2.10.27}. */
    public String image() {
        return options.image();
    }

    /** Returns the container's id, or empty text before the container is created. */
    public String containerId() {
        return containerId;
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

    @Override
    public Connection connect() {
        return connect(new Options.Builder());
    }

    @Override
    public Connection connect(Options.Builder builder) {
        try {
            return Nats.connect(builder.server(url())
                    .serverPool(new CurrentUrlServerPool(this::url, new CompletedStarts()))
                    .build());
        } catch (IOException e) {
            throw new NatsServerException("failed to connect to nats-server at " + url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while connecting to nats-server at " + url(), e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        if (docker == null || containerId.isEmpty() || closed) {
            return false;
        }
        Boolean running = inspect().getState().getRunning();
        return running != null && running;
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
            if (containerId.isEmpty()) {
                create();
            } else {
                log.append("# natskit: starting container " + containerId() + " again");
                docker.startContainerCmd(containerId()).exec();
            }
            Instant after = follower == null ? Instant.EPOCH : follower.lastTimestamp();
            follower = ContainerLogFollower.follow(docker, containerId(), log, after, logger());
            awaitReady(deadline);
        } catch (NatsServerStartException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure("interrupted while waiting for the nats-server container to start", e);
        } catch (RuntimeException e) {
            throw startFailure("failed to start a nats-server container from the image " + image() + ": " + e, e);
        }
        synchronized (startsMonitor) {
            startCount++;
            startsMonitor.notifyAll();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        LOGGER.log(
                Level.INFO,
                () -> "nats-server " + version + " started on " + url() + " in " + millis + " ms (JetStream "
                        + (options.jetStream() ? "on" : "off") + ", container " + shortId() + " from image "
                        + image() + ")");
    }

    @Override
    public synchronized void stop() {
        if (docker == null) {
            return;
        }
        closeControlConnection();
        int seconds = (int) Math.max(1, options.stopTimeout().toSeconds());
        try {
            docker.stopContainerCmd(containerId()).withTimeout(seconds).exec();
        } catch (NotModifiedException e) {
            // The container had stopped already.
        }
        awaitExit();
        LOGGER.log(Level.DEBUG, () -> "nats-server container " + shortId() + " stopped");
    }

    @Override
    public synchronized void restart() {
        stop();
        start();
    }

    /** Kills the container's server with SIGKILL; {@link #start()} starts the same container again. */
    @Override
    public synchronized void kill() {
        if (docker == null || !isRunning()) {
            return;
        }
        closeControlConnection();
        docker.killContainerCmd(containerId()).exec();
        awaitExit();
    }

    @Override
    public synchronized int deleteJetStreamData() {
        if (!options.jetStream()) {
            return 0;
        }
        if (!isRunning()) {
            throw new NatsServerException("cannot delete JetStream data: the nats-server container " + shortId()
                    + " is not running. Start it first with start().");
        }
        if (control == null) {
            control = JetStreamStreams.openControlConnection(url());
        }
        return JetStreamStreams.deleteAll(control, url());
    }

    @Override
    public List<String> logLines() {
        return log.lines();
    }

    @Override
    public String log() {
        return String.join("\n", log.lines());
    }

    /** Removes the container and deletes the server's directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeControlConnection();
            removeContainer();
        } finally {
            ShutdownCleanup.unregister(this);
            try {
                directory.delete();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, () -> "failed to delete " + directory.root() + ": " + e);
            }
        }
    }

    @Override
    public String toString() {
        return "ContainerNatsServer[" + serverName + ", " + image() + ", " + (clientPort > 0 ? url() : "not started")
                + "]";
    }

    private void create() {
        try {
            Files.writeString(directory.configurationFile(), configuration, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw startFailure("failed to write " + directory.configurationFile() + ": " + e, e);
        }
        DockerClientFactory factory = DockerClientFactory.instance();
        docker = factory.client();
        boolean localEngine = isLocalEngine(factory.dockerHostIpAddress());
        host = localEngine ? "127.0.0.1" : factory.dockerHostIpAddress();
        log.append("# natskit: starting a container from the image " + image());

        // Testcontainers resolves the image, and pulls it only when the engine does not have it yet.
        String resolvedImage = new RemoteDockerImage(DockerImageName.parse(image())).get();
        // A local engine gets host ports picked here, which Docker binds again on every start of the container, so
        // a restart keeps the port as a binary server does. NOTE: another process may take a port between the pick
        // and the container's start, which then fails with Docker's "port is already allocated" error.
        Ports.Binding clientBinding =
                localEngine ? Ports.Binding.bindIpAndPort("127.0.0.1", freeLoopbackPort()) : Ports.Binding.empty();
        Ports.Binding monitoringBinding =
                localEngine ? Ports.Binding.bindIpAndPort("127.0.0.1", freeLoopbackPort()) : Ports.Binding.empty();
        containerId = docker.createContainerCmd(resolvedImage)
                .withCmd("-c", CONFIGURATION_PATH)
                .withExposedPorts(ExposedPort.tcp(CLIENT_PORT), ExposedPort.tcp(MONITORING_PORT))
                .withLabels(labels())
                .withHostConfig(HostConfig.newHostConfig()
                        .withPortBindings(
                                new PortBinding(clientBinding, ExposedPort.tcp(CLIENT_PORT)),
                                new PortBinding(monitoringBinding, ExposedPort.tcp(MONITORING_PORT))))
                .exec()
                .getId();
        docker.copyArchiveToContainerCmd(containerId)
                .withTarInputStream(configurationArchive())
                .withRemotePath("/")
                .exec();
        docker.startContainerCmd(containerId).exec();
    }

    /** Packs the configuration file as the tar archive that Docker copies into a container. */
    private InputStream configurationArchive() {
        byte[] content = configuration.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(CONFIGURATION_PATH.substring(1));
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to pack the configuration file", e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /**
     * Returns the container's labels: natskit's own, and those by which Testcontainers' Ryuk container removes the
     * containers of a JVM that ended without closing them.
     */
    private Map<String, String> labels() {
        Map<String, String> labels = new HashMap<>(DockerClientFactory.DEFAULT_LABELS);
        labels.putAll(ResourceReaper.instance().getLabels());
        labels.put(SERVER_LABEL, serverName);
        String run = System.getenv(RUN_ENVIRONMENT_VARIABLE);
        if (run != null && !run.isBlank()) {
            labels.put(RUN_LABEL, run);
        }
        return labels;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to find a free port on 127.0.0.1", e);
        }
    }

    /** Returns whether the Docker engine runs on this machine, so that host ports can be bound to loopback. */
    private static boolean isLocalEngine(String engineHost) {
        if (engineHost.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(engineHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void removeContainer() {
        if (containerId.isEmpty()) {
            return;
        }
        try {
            docker.removeContainerCmd(containerId)
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        } catch (NotFoundException e) {
            // Someone else removed it already.
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, () -> "failed to remove the nats-server container " + shortId() + ": " + e);
        }
    }

    private void readPorts() {
        Map<ExposedPort, Ports.Binding[]> bindings =
                inspect().getNetworkSettings().getPorts().getBindings();
        clientPort = hostPort(bindings, CLIENT_PORT);
        monitoringPort = hostPort(bindings, MONITORING_PORT);
    }

    private int hostPort(Map<ExposedPort, Ports.Binding[]> bindings, int containerPort) {
        Ports.Binding[] bound = bindings.get(ExposedPort.tcp(containerPort));
        if (bound == null || bound.length == 0 || bound[0].getHostPortSpec() == null) {
            throw startFailure("Docker published no host port for the container port " + containerPort, null);
        }
        return Integer.parseInt(bound[0].getHostPortSpec());
    }

    /**
     * Waits for the line in which the server reports that it is ready, then reads the server's INFO line through the published
     * port. Every new line of output wakes the wait, and so does the end of the output when the container stops.
     */
    private void awaitReady(long deadline) throws InterruptedException {
        while (true) {
            long seen = log.version();
            if (follower.sawReadyLine()) {
                readPorts();
                checkInfo(deadline);
                return;
            }
            InspectContainerResponse.ContainerState state = inspect().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                awaitOutputEnd(deadline);
                throw startFailure(
                        "nats-server container exited with code " + state.getExitCodeLong() + " during startup", null);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw startFailure(
                        "timed out after " + ServerText.duration(options.startTimeout())
                                + " waiting for the nats-server container to print \""
                                + ContainerLogFollower.READY_LINE
                                + "\"; raise the start timeout if the machine is slow",
                        null);
            }
            log.awaitChange(seen, remaining);
        }
    }

    /** Waits until the output of an exited container has been copied, so that a start error can show it. */
    private void awaitOutputEnd(long deadline) throws InterruptedException {
        while (!follower.ended()) {
            long seen = log.version();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || follower.ended()) {
                return;
            }
            log.awaitChange(seen, remaining);
        }
    }

    private void checkInfo(long deadline) {
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        ServerInfoProbe.Info info;
        try {
            info = ServerInfoProbe.read(host, clientPort, (int) Math.min(Integer.MAX_VALUE, remainingMillis));
        } catch (IOException e) {
            throw startFailure(
                    "nats-server printed that it is ready, but reading its INFO line on " + host + ":" + clientPort
                            + " failed: " + e.getMessage(),
                    e);
        }
        version = info.version();
        if (options.jetStream() && !info.jetStream()) {
            throw startFailure(
                    "nats-server started without JetStream, although JetStream is on; a configuration line may"
                            + " turn it off. Remove that line, or turn JetStream off in the options",
                    null);
        }
        if (!options.version().matches(ServerVersion.parse(version))) {
            throw startFailure(
                    "the image " + image() + " runs nats-server " + version + ", which does not match the requested"
                            + " version " + options.version() + ". Use an image of that version, or request "
                            + version,
                    null);
        }
    }

    /**
     * Waits until Docker reports that the container has exited, and until its output has been copied, so that the
     * next start's follower finds the last line already in the log and copies no line twice.
     */
    private void awaitExit() {
        try {
            docker.waitContainerCmd(containerId())
                    .start()
                    .awaitStatusCode(options.stopTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            if (follower != null) {
                awaitOutputEnd(System.nanoTime() + options.stopTimeout().toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, () -> "waiting for the container " + shortId() + " to exit failed: " + e);
        }
    }

    private InspectContainerResponse inspect() {
        return docker.inspectContainerCmd(containerId()).exec();
    }

    private System.Logger logger() {
        return options.logOutput() ? LOGGER : null;
    }

    private String shortId() {
        String id = containerId();
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private NatsServerStartException startFailure(String summary, Throwable cause) {
        StringBuilder message = new StringBuilder(summary).append('\n');
        message.append("Image: ").append(image()).append('\n');
        message.append("Container: ")
                .append(containerId().isEmpty() ? "(not created)" : containerId())
                .append('\n');
        message.append("Server log (last ").append(LOG_LINES_IN_ERRORS).append(" lines):\n");
        message.append(ServerText.indent(log.tail(LOG_LINES_IN_ERRORS))).append('\n');
        message.append("Effective configuration (").append(CONFIGURATION_PATH).append(" in the container):\n");
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

    private int requirePort(int port) {
        if (port < 0) {
            throw new IllegalStateException("nats-server " + serverName + " has not started yet, so it has no port");
        }
        return port;
    }

    /** The completed starts of this server, which connections wait for between reconnect attempts. */
    private final class CompletedStarts implements CurrentUrlServerPool.Starts {
        @Override
        public long count() {
            synchronized (startsMonitor) {
                return startCount;
            }
        }

        @Override
        public void awaitStartAfter(long seenCount, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (startsMonitor) {
                long remaining = deadline - System.nanoTime();
                while (startCount == seenCount && remaining > 0) {
                    TimeUnit.NANOSECONDS.timedWait(startsMonitor, remaining);
                    remaining = deadline - System.nanoTime();
                }
            }
        }
    }
}
