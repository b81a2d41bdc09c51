package dev.natskit.benchmarks;

import dev.natskit.server.LocalNatsServer;
import dev.natskit.server.ManagedNatsServer;
import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.ServerBackend;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Figure 1: from asking for a server to the first connected client, for one server with JetStream on, on
 * 127.0.0.1 and a free port. Stopping the server is not timed.
 */
final class StartFigure {

    static final String TITLE = "1. start to first connection";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    // The runner applies an output level only to an output it is given, so it gets a logger of its own that
    // passes only errors. JUL keeps loggers weakly, hence the field. Quiet output can only make the runner faster.
    private static final Logger RUNNER_LOGGER = Logger.getLogger(StartFigure.class.getName() + ".runner");

    private final BenchmarkEnvironment environment;

    StartFigure(BenchmarkEnvironment environment) {
        this.environment = environment;
    }

    List<Row> run(Settings settings) throws Exception {
        Comparison comparison = new Comparison(TITLE, "ms")
                .subject("natskit LocalNatsServer (binary)", this::natskit)
                .peer("raw nats-server process, ports file (floor)", this::rawProcess)
                .peer("jnats-server-runner 3.0.1, defaults", () -> runner(false))
                .peer("jnats-server-runner 3.0.1, tuned waits", () -> runner(true));
        String containerName = "natskit container backend, local image";
        Optional<String> containerProblem = containerProblem();
        if (containerProblem.isEmpty()) {
            comparison.peer(containerName, this::container);
        } else {
            comparison.notMeasured(containerName, "not measured: " + containerProblem.get());
        }
        return comparison.run(settings.orQuick(3, 15));
    }

    /** Returns why no container can start here, such as a missing Docker engine, or empty when one started. */
    private Optional<String> containerProblem() {
        try (ManagedNatsServer server = ManagedNatsServer.start(containerOptions())) {
            return Optional.empty();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            return Optional.of(message.lines().findFirst().orElse(message));
        }
    }

    private NatsServerOptions containerOptions() {
        return environment
                .serverOptions()
                .backend(ServerBackend.CONTAINER)
                .version(NatsServerBinaries.versionOf(environment.binary().path()))
                .build();
    }

    /** Starts the same server version in a container from a local image, and connects through the mapped port. */
    private double container() throws Exception {
        long started = System.nanoTime();
        try (ManagedNatsServer server = ManagedNatsServer.start(containerOptions());
                Connection connection = server.connect()) {
            return Timing.millisSince(started);
        }
    }

    private double natskit() throws Exception {
        long started = System.nanoTime();
        try (LocalNatsServer server =
                        LocalNatsServer.start(environment.serverOptions().build());
                Connection connection = server.connect()) {
            return Timing.millisSince(started);
        }
    }

    private double rawProcess() throws Exception {
        Path directory = environment.newDirectory("raw-");
        long started = System.nanoTime();
        try (RawNatsServer server = RawNatsServer.start(environment.binary().path(), directory, START_TIMEOUT);
                Connection connection = Nats.connect(server.url())) {
            return Timing.millisSince(started);
        }
    }

    /**
     * Starts a server through the runner, bound to 127.0.0.1 on a free port that the runner picks, with JetStream
     * stored in a private directory (the runner's default is the system temp directory, shared by every server).
     *
     * @param tuned whether to shorten the runner's fixed waits and skip its INFO check, which reads until the
     *     server's first PING, about 2 s after a client connects
     */
    private double runner(boolean tuned) throws Exception {
        Path directory = environment.newDirectory("runner-");
        NatsServerRunner.Builder builder = NatsServerRunner.builder()
                .executablePath(environment.binary().path())
                .jetstream(true)
                .customArgs(List.of("--addr", "127.0.0.1", "--store_dir", directory.toString()))
                .outputLogger(RUNNER_LOGGER)
                .outputLevel(Level.SEVERE);
        if (tuned) {
            builder.processCheckWait(5L)
                    .connectValidateInitialDelay(5L)
                    .connectValidateSubsequentDelay(5L)
                    .connectValidateTries(400)
                    .connectValidateTlsFirstMode();
        }
        long started = System.nanoTime();
        try (NatsServerRunner runner = builder.build();
                Connection connection = Nats.connect("nats://127.0.0.1:" + runner.getPort())) {
            return Timing.millisSince(started);
        } finally {
            BenchmarkEnvironment.deleteTree(directory);
        }
    }
}
