package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases where {@link LocalNatsServer} breaks its documented contract. Each test states the documented behavior, so
 * it fails until the defect is fixed.
 */
@DisplayName("LocalNatsServer defects")
class LocalNatsServerDefectsTest {

    @Test
    @DisplayName("stop lets the server shut down cleanly")
    void stopShutsDownCleanly() {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            server.stop();

            // nats-server prints these lines when it handles SIGTERM. Both are missing because the supervisor's
            // watcher sends SIGKILL as soon as Process.destroy() closes the supervisor's standard input.
            assertThat(server.log()).contains("Trapped \"terminated\" signal");
            assertThat(server.log()).contains("Server Exiting");
        }
    }

    @Test
    @DisplayName("stop waits for the server to exit")
    void stopWaitsForExit(@TempDir Path folder) throws Exception {
        Path realBinary = NatsServerBinaries.resolve(null).path();
        Path trace = folder.resolve("trace");
        Path standIn = folder.resolve("nats-server");
        // The stand-in runs the real server, passes SIGTERM on and records in the trace file that it exited.
        String script = String.join(
                "\n",
                "#!/bin/sh",
                "'" + realBinary + "' \"$@\" &",
                "child=$!",
                "trap 'kill -TERM $child; wait $child; echo exited >> \"" + trace + "\"; exit 0' TERM",
                "wait $child",
                "");
        Files.writeString(standIn, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (LocalNatsServer server = LocalNatsServer.start(
                NatsServerOptions.builder().binary(standIn).build())) {
            server.stop();
        }

        // The supervisor's watcher kills the stand-in with SIGKILL before it writes the line.
        assertThat(trace).exists();
        assertThat(Files.readString(trace, StandardCharsets.UTF_8)).contains("exited");
    }

    @Test
    @DisplayName("starts from a relative binary path")
    void relativeBinaryPath() throws Exception {
        Path realBinary = NatsServerBinaries.resolve(null).path().toAbsolutePath();
        Path relative =
                Paths.get("target", "relative-binary-" + ProcessHandle.current().pid(), "nats-server");
        Files.createDirectories(relative.getParent());
        Files.deleteIfExists(relative);
        Files.createSymbolicLink(relative, realBinary);

        // The path is checked against the JVM's working directory but run from the server's directory, where
        // sh reports "target/relative-binary-.../nats-server: not found" and exits with code 127.
        try (LocalNatsServer server = LocalNatsServer.start(
                NatsServerOptions.builder().binary(relative).build())) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("starts in a relative base directory")
    void relativeBaseDirectory() {
        Path base =
                Paths.get("target", "relative-base-" + ProcessHandle.current().pid());

        // The configuration file path passed to -c is relative, but the process runs inside the server directory.
        try (LocalNatsServer server = LocalNatsServer.start(
                NatsServerOptions.builder().baseDirectory(base).build())) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("config line that disables JetStream fails as a start error")
    void jetStreamDisabledByConfigLine() {
        NatsServerOptions options =
                NatsServerOptions.builder().configLine("jetstream: disabled").build();

        // awaitJetStream wraps the IOException in an UncheckedIOException, which start() passes on unchanged,
        // without the log or the effective configuration.
        assertThatThrownBy(() -> LocalNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageContaining("jetstream: disabled");
    }

    @Test
    @DisplayName("config line that requires authorization still starts")
    void authorizationConfigLine() {
        NatsServerOptions options = NatsServerOptions.builder()
                .configLine("authorization { user: alice, password: secret }")
                .startTimeout(Duration.ofSeconds(3))
                .build();

        // The control connection has no credentials, so the start fails with "failed to launch nats-server".
        try (LocalNatsServer server = LocalNatsServer.start(options)) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("start timeout of 30 days is accepted")
    void longStartTimeout() {
        NatsServerOptions options =
                NatsServerOptions.builder().startTimeout(Duration.ofDays(30)).build();

        // The remaining time reaches Socket.connect as int milliseconds, which turn negative past 24.8 days.
        try (LocalNatsServer server = LocalNatsServer.start(options)) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("start timeout of 300 years fails as a start error")
    void overflowingStartTimeout() {
        NatsServerOptions options = NatsServerOptions.builder()
                .startTimeout(Duration.ofDays(365L * 300))
                .build();

        // Duration.toNanos() throws ArithmeticException: long overflow.
        try (LocalNatsServer server = LocalNatsServer.start(options)) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("unwritable base directory names the cause")
    void unwritableBaseDirectory() {
        NatsServerOptions options = NatsServerOptions.builder()
                .baseDirectory(Paths.get("/proc/natskit-no-such-folder"))
                .build();

        // The message ends with the bare path of the NoSuchFileException, with no reason.
        assertThatThrownBy(() -> LocalNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .message()
                .containsAnyOf("NoSuchFileException", "No such file", "denied", "read-only");
    }
}
