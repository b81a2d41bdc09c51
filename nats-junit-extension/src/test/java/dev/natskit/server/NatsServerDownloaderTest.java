package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("NatsServerDownloader")
class NatsServerDownloaderTest {

    private static final String PLATFORM = "linux-amd64";

    private static String version;
    private static byte[] archive;

    @TempDir
    Path folder;

    private Path cache;
    private ReleaseMirror mirror;

    @BeforeAll
    static void packRelease(@TempDir Path workFolder) throws Exception {
        Path realBinary = NatsServerBinaries.resolve(null).path();
        version = BinaryVersions.of(realBinary).text();
        archive = ReleaseMirror.tarGz(version, PLATFORM, realBinary, workFolder);
    }

    @BeforeEach
    void publishRelease() throws Exception {
        cache = folder.resolve("cache");
        mirror = new ReleaseMirror();
        mirror.publish(version, PLATFORM, archive);
    }

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    private NatsServerDownloader downloader() {
        return new NatsServerDownloader(mirror.baseUrl(), cache, PLATFORM);
    }

    private String archiveUrl(String release) {
        return mirror.baseUrl() + "/v" + release + "/" + ReleaseMirror.archiveName(release, PLATFORM);
    }

    @Test
    @DisplayName("downloads, verifies and caches a release")
    void downloadsRelease() {
        Path binary = downloader().download(ServerVersion.parse(version));

        assertThat(binary).isEqualTo(cache.resolve(version).resolve(PLATFORM).resolve("nats-server"));
        assertThat(binary).isExecutable();
        assertThat(BinaryVersions.of(binary).text()).isEqualTo(version);
        assertThat(mirror.requestsFor(version, "SHA256SUMS")).isEqualTo(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("serves a cached release without a request")
    void cacheHit() {
        downloader().download(ServerVersion.parse(version));

        downloader().download(ServerVersion.parse(version));

        assertThat(mirror.requestsFor(version, ReleaseMirror.archiveName(version, PLATFORM)))
                .isEqualTo(1);
        assertThat(mirror.requestsFor(version, "SHA256SUMS")).isEqualTo(1);
    }

    @Test
    @DisplayName("rejects an archive whose checksum does not match")
    void checksumMismatch() throws Exception {
        String wrong = "ab".repeat(32);
        mirror.putSums(version, ReleaseMirror.archiveName(version, PLATFORM), wrong);

        assertThatThrownBy(() -> downloader().download(ServerVersion.parse(version)))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessageStartingWith("checksum mismatch for " + archiveUrl(version) + ": SHA256SUMS lists " + wrong
                        + ", but the download has ")
                .hasMessageEndingWith(". The download was corrupted or the server sent another file; nothing was"
                        + " cached. Try again, or check the mirror set by natskit.server.download.url.");
        assertThat(cache.resolve(version)).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("reports an unknown version")
    void unknownVersion() {
        assertThatThrownBy(() -> downloader().download(ServerVersion.parse("0.0.1")))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("nats-server 0.0.1 not found: " + mirror.baseUrl()
                        + "/v0.0.1/SHA256SUMS answered HTTP 404. Check that the version exists as a nats-server"
                        + " release.");
    }

    @Test
    @DisplayName("reports a platform missing from SHA256SUMS")
    void platformNotBuilt() {
        NatsServerDownloader downloader = new NatsServerDownloader(mirror.baseUrl(), cache, "freebsd-arm64");

        assertThatThrownBy(() -> downloader.download(ServerVersion.parse(version)))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage(mirror.baseUrl() + "/v" + version + "/SHA256SUMS lists no archive named nats-server-v"
                        + version + "-freebsd-arm64.tar.gz. nats-server " + version
                        + " may not be built for freebsd-arm64; install a binary yourself and set"
                        + " NATSKIT_SERVER_BINARY.");
    }

    @Test
    @DisplayName("keeps nothing of a download that broke off")
    void truncatedDownload() {
        mirror.truncate(version, ReleaseMirror.archiveName(version, PLATFORM), 1000);
        NatsServerDownloader downloader =
                new NatsServerDownloader(mirror.baseUrl(), cache, PLATFORM, Duration.ofMillis(500));

        assertThatThrownBy(() -> downloader.download(ServerVersion.parse(version)))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("download of " + archiveUrl(version) + " broke off after 1000 bytes: no data arrived for"
                        + " 500 ms. Nothing was cached; try again.");
        assertThat(cache.resolve(version)).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("reports a corrupt archive with a matching checksum")
    void corruptArchive() throws Exception {
        String archiveName = ReleaseMirror.archiveName(version, PLATFORM);
        byte[] garbage = "not a gzip stream".getBytes(StandardCharsets.UTF_8);
        mirror.put(version, archiveName, garbage);
        mirror.putSums(version, archiveName, ReleaseMirror.sha256(garbage));

        assertThatThrownBy(() -> downloader().download(ServerVersion.parse(version)))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessageStartingWith("the archive " + archiveName + " is truncated or corrupt (")
                .hasMessageEndingWith("); nothing was cached. Try again.");
        assertThat(cache.resolve(version)).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("reports a mirror that cannot be reached")
    void noNetwork() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI unreachable = URI.create("http://127.0.0.1:" + closedPort + "/releases");
        NatsServerDownloader downloader = new NatsServerDownloader(unreachable, cache, PLATFORM);

        assertThatThrownBy(() -> downloader.download(ServerVersion.parse(version)))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessageStartingWith("failed to reach " + unreachable + "/v" + version + "/SHA256SUMS (")
                .hasMessageEndingWith("). Without network, set natskit.server.offline=true and provide a binary"
                        + " through NATSKIT_SERVER_BINARY or the PATH; behind a mirror or proxy, set"
                        + " natskit.server.download.url.");
    }

    @Test
    @DisplayName("rejects a platform that has no releases")
    void unsupportedPlatform() {
        NatsServerDownloader downloader = new NatsServerDownloader(mirror.baseUrl(), cache, "plan9-mips");

        assertThatThrownBy(() -> downloader.download(ServerVersion.parse(version)))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessage("nats-server releases are not built for this platform (plan9-mips). Install"
                        + " nats-server yourself and set NATSKIT_SERVER_BINARY to its path.");
    }

    @Test
    @DisplayName("two JVMs racing download once")
    void jvmsRace() throws Exception {
        List<Process> children =
                Stream.of(1, 2).map(index -> startDownloadJvm()).toList();
        for (Process child : children) {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains(cache.resolve(version).resolve(PLATFORM).toString());
        }

        assertThat(mirror.requestsFor(version, ReleaseMirror.archiveName(version, PLATFORM)))
                .isEqualTo(1);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    @DisplayName("resolution downloads an exact version missing from the cache")
    void resolutionDownloads() {
        Map<String, String> environment = Map.of("PATH", "", "NATSKIT_CACHE_DIR", cache.toString());
        DownloadSettings downloads = new DownloadSettings(true, mirror.baseUrl());

        NatsServerBinary binary =
                NatsServerBinaries.resolve(null, VersionRequest.parse(version), downloads, environment);

        assertThat(binary.source()).isEqualTo("a download from " + mirror.baseUrl());
        assertThat(binary.path()).startsWith(cache);
    }

    @Test
    @DisplayName("resolution does not download when offline")
    void offline() {
        Map<String, String> environment = Map.of("PATH", "", "NATSKIT_CACHE_DIR", cache.toString());
        DownloadSettings downloads = new DownloadSettings(false, mirror.baseUrl());

        assertThatThrownBy(
                        () -> NatsServerBinaries.resolve(null, VersionRequest.parse(version), downloads, environment))
                .isInstanceOf(NatsServerBinaryNotFoundException.class)
                .hasMessageContaining("  - a download: downloads are off (natskit.server.offline)\n");
        assertThat(mirror.requestsFor(version, "SHA256SUMS")).isZero();
    }

    private Process startDownloadJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            DownloadInChildJvm.class.getName(),
                            mirror.baseUrl().toString(),
                            cache.toString(),
                            PLATFORM,
                            version)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("failed to start a child JVM", e);
        }
    }

    /** Returns the temporary files and folders a download left in the cache folder. */
    private List<Path> leftovers() {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(".download-") && name.endsWith(".tmp") || name.startsWith(".staging-");
                    })
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
