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
@DisplayName("LocalNatsServer edge cases")
class LocalNatsServerEdgeCasesTest {

    @Test
    @DisplayName("stop lets the server shut down cleanly")
    void stopShutsDownCleanly() {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            server.stop();

            // nats-server prints these lines when it handles SIGTERM, and not when it is killed.
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

        // The server runs in its own directory, so the path must be resolved against the JVM's first.
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

        assertThatThrownBy(() -> LocalNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageStartingWith("nats-server started without JetStream, although JetStream is on; a"
                        + " configuration line may turn it off. Remove that line, or turn JetStream off in the"
                        + " options\n")
                .hasMessageContaining("jetstream: disabled");
    }

    @Test
    @DisplayName("config line that requires authorization still starts")
    void authorizationConfigLine() {
        NatsServerOptions options = NatsServerOptions.builder()
                .configLine("authorization { user: alice, password: secret }")
                .startTimeout(Duration.ofSeconds(3))
                .build();

        // Readiness is read from the INFO line, which the server sends before any authentication.
        try (LocalNatsServer server = LocalNatsServer.start(options)) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("rejects a start timeout over one hour")
    void startTimeoutTooLong() {
        NatsServerOptions.Builder builder = NatsServerOptions.builder();

        assertThatThrownBy(() -> builder.startTimeout(Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("startTimeout must be at most PT1H, but was PT720H");
    }

    @Test
    @DisplayName("unwritable base directory names the cause")
    void unwritableBaseDirectory() {
        NatsServerOptions options = NatsServerOptions.builder()
                .baseDirectory(Paths.get("/proc/natskit-no-such-folder"))
                .build();

        assertThatThrownBy(() -> LocalNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .message()
                .containsAnyOf("NoSuchFileException", "No such file", "denied", "read-only");
    }
}
