package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("NatsServerBinaries")
class NatsServerBinariesTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("uses an explicit path first")
    void explicitPathFirst() throws IOException {
        Path explicit = executable(folder.resolve("explicit/nats-server"));
        Path onPath = executable(folder.resolve("bin/nats-server"));
        Map<String, String> environment = Map.of("PATH", onPath.getParent().toString());

        NatsServerBinary binary = NatsServerBinaries.resolve(explicit, environment);

        assertThat(binary.path()).isEqualTo(explicit);
        assertThat(binary.source()).isEqualTo("the configured path");
    }

    @Test
    @DisplayName("reports an explicit path that does not exist")
    void missingExplicitPath() {
        Path missing = folder.resolve("no-such-nats-server");

        assertThatThrownBy(() -> NatsServerBinaries.resolve(missing, Map.of()))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("nats-server binary not found at " + missing
                        + ", which is set by the configured path. Correct the path, or unset it to use"
                        + " nats-server from the PATH.");
    }

    @Test
    @DisplayName("reports an explicit path that is not executable")
    void notExecutable() throws IOException {
        Path plain = Files.writeString(folder.resolve("nats-server"), "");

        assertThatThrownBy(() -> NatsServerBinaries.resolve(plain, Map.of()))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("nats-server binary at " + plain
                        + ", which is set by the configured path, is not executable. Run chmod +x on it, or correct"
                        + " the path.");
    }

    @Test
    @DisplayName("uses the environment variable before the PATH")
    void environmentVariable() throws IOException {
        Path fromVariable = executable(folder.resolve("variable/nats-server"));
        Path onPath = executable(folder.resolve("bin/nats-server"));
        Map<String, String> environment = Map.of(
                "NATSKIT_SERVER_BINARY",
                fromVariable.toString(),
                "PATH",
                onPath.getParent().toString());

        NatsServerBinary binary = NatsServerBinaries.resolve(null, environment);

        assertThat(binary.path()).isEqualTo(fromVariable);
        assertThat(binary.source()).isEqualTo("the environment variable NATSKIT_SERVER_BINARY");
    }

    @Test
    @DisplayName("finds nats-server on the PATH")
    void onPath() throws IOException {
        Path onPath = executable(folder.resolve("bin/nats-server"));
        Map<String, String> environment =
                Map.of("PATH", folder.resolve("empty") + ":" + onPath.getParent(), "NATSKIT_CACHE_DIR", "/none");

        NatsServerBinary binary = NatsServerBinaries.resolve(null, environment);

        assertThat(binary.path()).isEqualTo(onPath);
        assertThat(binary.source()).isEqualTo("the PATH");
    }

    @Test
    @DisplayName("takes the newest cached version")
    void newestCachedVersion() throws IOException {
        Path cache = folder.resolve("cache");
        String platform = NatsServerBinaries.platform();
        executable(cache.resolve("nats-server/2.9.10/" + platform + "/nats-server"));
        Path newest = executable(cache.resolve("nats-server/2.10.27/" + platform + "/nats-server"));
        executable(cache.resolve("nats-server/2.10.3/" + platform + "/nats-server"));
        Map<String, String> environment = Map.of("PATH", "", "NATSKIT_CACHE_DIR", cache.toString());

        NatsServerBinary binary = NatsServerBinaries.resolve(null, environment);

        assertThat(binary.path()).isEqualTo(newest);
        assertThat(binary.source()).isEqualTo("natskit's cache");
    }

    @Test
    @DisplayName("lists every place tried when nothing is found")
    void nothingFound() {
        Path cache = folder.resolve("cache");
        Map<String, String> environment = Map.of("PATH", "/nowhere", "NATSKIT_CACHE_DIR", cache.toString());

        assertThatThrownBy(() -> NatsServerBinaries.resolve(null, environment))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("""
                        nats-server binary not found. Places tried, in order:
                          - the system property natskit.server.binary: not set
                          - the environment variable NATSKIT_SERVER_BINARY: not set
                          - nats-server on the PATH: not found in /nowhere
                          - natskit's cache: no %s/nats-server/<version>/%s/nats-server
                          - a download: only an exact version such as 2.10.27 is downloaded, and no version was\
                         requested
                        To fix it, do one of these:
                          - run scripts/provision-nats-server from the natskit repository (Debian-based Linux),
                          - install nats-server and put it on the PATH,
                          - set NATSKIT_SERVER_BINARY or the configuration parameter natskit.server.binary to the path\
                         of a nats-server binary.""".formatted(cache, NatsServerBinaries.platform()));
    }

    @Test
    @DisplayName("rejects a PATH binary of another version")
    void versionMismatch() throws IOException {
        Path real = NatsServerBinaries.resolve(null).path();
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("nats-server"), real);
        String found = BinaryVersions.of(real).text();
        Map<String, String> environment = Map.of("PATH", bin.toString());

        assertThatThrownBy(() -> NatsServerBinaries.resolve(
                        null, VersionRequest.parse("1.0"), DownloadSettings.defaults(), environment))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("nats-server " + found + " found at " + bin.resolve("nats-server") + " (from the PATH)"
                        + " does not match the requested version 1.0. Point it at a matching binary, remove it so"
                        + " that the cache or a download is used, or request " + found + ".");
    }

    @Test
    @DisplayName("picks the newest cached version of a prefix")
    void cachedPrefix() throws IOException {
        Path cache = folder.resolve("cache");
        String platform = NatsServerBinaries.platform();
        Path wanted = executable(cache.resolve("nats-server/2.10.27/" + platform + "/nats-server"));
        executable(cache.resolve("nats-server/2.10.3/" + platform + "/nats-server"));
        executable(cache.resolve("nats-server/2.11.0/" + platform + "/nats-server"));
        executable(cache.resolve("nats-server/2.1.9/" + platform + "/nats-server"));
        Map<String, String> environment = Map.of("PATH", "", "NATSKIT_CACHE_DIR", cache.toString());

        NatsServerBinary binary = NatsServerBinaries.resolve(
                null,
                VersionRequest.parse("2.10"),
                new DownloadSettings(false, URI.create("http://127.0.0.1:9")),
                environment);

        assertThat(binary.path()).isEqualTo(wanted);
    }

    @Test
    @DisplayName("rejects a malformed version request")
    void malformedVersion() {
        assertThatThrownBy(() -> VersionRequest.parse("latest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid nats-server version \"latest\". Use an exact version such as \"2.10.27\" or a"
                        + " prefix such as \"2.10\".");
    }

    @Test
    @DisplayName("orders versions by their numbers")
    void ordersVersions() {
        assertThat(ServerVersion.parse("2.10.27")).isGreaterThan(ServerVersion.parse("2.9.10"));
        assertThat(ServerVersion.parse("v2.15.1")).isGreaterThan(ServerVersion.parse("2.15.1-beta.1"));
        assertThat(ServerVersion.parse("2.10")).isEqualByComparingTo(ServerVersion.parse("2.10.0"));
    }

    private static Path executable(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#!/bin/sh\n");
        assertThat(path.toFile().setExecutable(true)).isTrue();
        return path;
    }
}
