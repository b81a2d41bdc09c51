package dev.natskit.server;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Downloads a nats-server release into natskit's cache, laid out as upstream publishes them: the archive
 * {@code <base>/v<version>/nats-server-v<version>-<os>-<arch>.tar.gz} ({@code .zip} on Windows) beside a
 * {@code SHA256SUMS} file.
 *
 * <p>The archive is checked against {@code SHA256SUMS}, unpacked into a staging folder inside the cache, and moved
 * into place in one rename, so the cache never contains a half-written binary. A lock file makes parallel JVMs that
 * want the same version download it once: the others wait, then find it cached.
 */
final class NatsServerDownloader {

    /** Base URL of upstream's release folders. */
    static final String DEFAULT_BASE_URL = "https://github.com/nats-io/nats-server/releases/download";

    private static final System.Logger LOGGER = System.getLogger(NatsServerDownloader.class.getName());
    private static final Set<String> OPERATING_SYSTEMS = Set.of("linux", "darwin", "windows", "freebsd");
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64", "386", "arm6", "arm7");
    private static final Map<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final long PROGRESS_STEP_BYTES = 4L * 1024 * 1024;

    /** How long a download may go without receiving a byte before it is abandoned. */
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final Path cacheFolder;
    private final String platform;
    private final Duration stallTimeout;
    private final HttpClient client;

    NatsServerDownloader(URI baseUrl, Path cacheFolder, String platform) {
        this(baseUrl, cacheFolder, platform, DEFAULT_STALL_TIMEOUT);
    }

    NatsServerDownloader(URI baseUrl, Path cacheFolder, String platform, Duration stallTimeout) {
        this.baseUrl = baseUrl;
        this.cacheFolder = cacheFolder;
        this.platform = platform;
        this.stallTimeout = stallTimeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Returns the cached binary of {@code version}, downloading it first when it is not cached yet. */
    Path download(ServerVersion version) {
        requireSupportedPlatform();
        Path target = binaryPath(version);
        if (Files.isExecutable(target)) {
            return target;
        }
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(version + "/" + platform, key -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(cacheFolder);
            Path lockFile = cacheFolder.resolve(".download-" + version + "-" + platform + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (Files.isExecutable(target)) {
                    // Another JVM downloaded it while this one waited for the lock.
                    return target;
                }
                fetchAndInstall(version, target);
                return target;
            }
        } catch (IOException e) {
            throw new NatsServerBinaryNotFoundException(
                    "failed to download nats-server " + version + " into " + cacheFolder + ": " + e.getMessage());
        } finally {
            jvmLock.unlock();
        }
    }

    Path binaryPath(ServerVersion version) {
        return cacheFolder.resolve(version.text()).resolve(platform).resolve(executableName());
    }

    private void fetchAndInstall(ServerVersion version, Path target) throws IOException {
        String archiveName = "nats-server-v" + version + "-" + platform + (isWindows() ? ".zip" : ".tar.gz");
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        URI releaseFolder = URI.create(base + "v" + version + "/");
        String expectedDigest = expectedDigest(releaseFolder.resolve("SHA256SUMS"), archiveName, version);

        Path archive = Files.createTempFile(cacheFolder, ".download-", ".tmp");
        Path staging = Files.createTempDirectory(cacheFolder, ".staging-");
        try {
            String actualDigest = fetchArchive(releaseFolder.resolve(archiveName), archive);
            if (!actualDigest.equalsIgnoreCase(expectedDigest)) {
                throw new NatsServerBinaryNotFoundException("checksum mismatch for "
                        + releaseFolder.resolve(archiveName)
                        + ": SHA256SUMS lists " + expectedDigest + ", but the download has " + actualDigest
                        + ". The download was corrupted or the server sent another file; nothing was cached."
                        + " Try again, or check the mirror set by " + NatsServerBinaries.DOWNLOAD_URL_PROPERTY + ".");
            }
            Path unpacked = staging.resolve(executableName());
            unpack(archive, archiveName, unpacked);
            if (!unpacked.toFile().setExecutable(true)) {
                throw new IOException("failed to make " + unpacked + " executable");
            }
            install(staging, target.getParent());
            LOGGER.log(Level.INFO, () -> "downloaded nats-server " + version + " for " + platform + " to " + target);
        } finally {
            Files.deleteIfExists(archive);
            deleteFolder(staging);
        }
    }

    private String expectedDigest(URI sumsUrl, String archiveName, ServerVersion version) throws IOException {
        String sums = new String(get(sumsUrl, version, "the checksum file").readAllBytes(), StandardCharsets.UTF_8);
        for (String line : sums.split("\n")) {
            String[] parts = line.strip().split("\\s+\\*?");
            if (parts.length == 2 && parts[1].equals(archiveName)) {
                return parts[0];
            }
        }
        throw new NatsServerBinaryNotFoundException(sumsUrl + " lists no archive named " + archiveName
                + ". nats-server " + version + " may not be built for " + platform
                + "; install a binary yourself and set " + NatsServerBinaries.BINARY_ENVIRONMENT_VARIABLE + ".");
    }

    /** Streams the archive to {@code file} and returns its SHA-256 digest in hex. */
    private String fetchArchive(URI url, Path file) throws IOException {
        MessageDigest digest = sha256();
        LOGGER.log(Level.INFO, () -> "downloading " + url);
        long copied = 0;
        long nextReport = PROGRESS_STEP_BYTES;
        InputStream response = get(url, null, "the archive");
        // The HTTP client has no read timeout once the headers are in, so a watchdog closes a stalled body.
        StallWatchdog watchdog = new StallWatchdog(response, stallTimeout);
        try (InputStream body = new DigestInputStream(response, digest);
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                watchdog.progress();
                out.write(buffer, 0, read);
                copied += read;
                if (copied >= nextReport) {
                    long megabytes = copied / (1024 * 1024);
                    LOGGER.log(Level.INFO, () -> "downloaded " + megabytes + " MiB of " + url);
                    nextReport += PROGRESS_STEP_BYTES;
                }
            }
        } catch (IOException e) {
            String reason =
                    watchdog.fired() ? "no data arrived for " + stallTimeout.toMillis() + " ms" : e.getMessage();
            throw new NatsServerBinaryNotFoundException("download of " + url + " broke off after " + copied + " bytes: "
                    + reason + ". Nothing was cached; try again.");
        } finally {
            watchdog.stop();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private InputStream get(URI url, ServerVersion version, String description) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new NatsServerBinaryNotFoundException("failed to reach " + url + " (" + e + "). Without network,"
                    + " set " + NatsServerBinaries.OFFLINE_PROPERTY + "=true and provide a binary through "
                    + NatsServerBinaries.BINARY_ENVIRONMENT_VARIABLE + " or the PATH; behind a mirror or proxy, set "
                    + NatsServerBinaries.DOWNLOAD_URL_PROPERTY + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerBinaryNotFoundException("interrupted while downloading " + url);
        }
        if (response.statusCode() == 200) {
            return new BufferedInputStream(response.body());
        }
        response.body().close();
        if (response.statusCode() == 404 && version != null) {
            throw new NatsServerBinaryNotFoundException("nats-server " + version + " not found: " + url
                    + " answered HTTP 404. Check that the version exists as a nats-server release.");
        }
        throw new NatsServerBinaryNotFoundException(
                "failed to download " + description + " " + url + ": HTTP " + response.statusCode());
    }

    private void unpack(Path archive, String archiveName, Path destination) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            boolean found = isWindows() ? unzip(in, destination) : untar(new GZIPInputStream(in), destination);
            if (!found) {
                throw new NatsServerBinaryNotFoundException(
                        "the archive " + archiveName + " contains no " + executableName() + "; nothing was cached");
            }
        } catch (EOFException | java.util.zip.ZipException e) {
            throw new NatsServerBinaryNotFoundException("the archive " + archiveName + " is truncated or corrupt ("
                    + e.getMessage() + "); nothing was cached. Try again.");
        }
    }

    private boolean unzip(InputStream in, Path destination) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory() && baseName(entry.getName()).equals(executableName())) {
                Files.copy(zip, destination, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
        }
        return false;
    }

    /** Reads a POSIX tar stream, enough of it to find the one regular file that is the server binary. */
    private boolean untar(InputStream in, Path destination) throws IOException {
        byte[] header = new byte[512];
        while (true) {
            if (in.readNBytes(header, 0, 512) < 512) {
                throw new EOFException("unexpected end of the tar stream");
            }
            if (isZeroBlock(header)) {
                return false;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            String sizeField = text(header, 124, 12);
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            char type = (char) header[156];
            long padded = (size + 511) / 512 * 512;
            if ((type == '0' || type == '\0') && baseName(name).equals(executableName())) {
                try (OutputStream out = Files.newOutputStream(destination)) {
                    copyExactly(in, out, size);
                }
                return true;
            }
            skipExactly(in, padded);
        }
    }

    private void install(Path staging, Path platformFolder) throws IOException {
        Files.createDirectories(platformFolder.getParent());
        try {
            Files.move(staging, platformFolder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Filled by another process that did not take the lock, such as the provisioning script.
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, platformFolder);
        }
    }

    private void requireSupportedPlatform() {
        String[] parts = platform.split("-", 2);
        if (parts.length != 2 || !OPERATING_SYSTEMS.contains(parts[0]) || !ARCHITECTURES.contains(parts[1])) {
            throw new NatsServerBinaryNotFoundException("nats-server releases are not built for this platform ("
                    + platform + "). Install nats-server yourself and set "
                    + NatsServerBinaries.BINARY_ENVIRONMENT_VARIABLE + " to its path.");
        }
    }

    private boolean isWindows() {
        return platform.startsWith("windows");
    }

    private String executableName() {
        return isWindows() ? "nats-server.exe" : "nats-server";
    }

    private static String baseName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII).strip();
    }

    private static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("unexpected end of the tar stream");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void skipExactly(InputStream in, long count) throws IOException {
        in.skipNBytes(count);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256 implementation", e);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var entries = Files.walk(folder)) {
            for (Path path : entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Closes a download's body when no byte has arrived for the stall timeout, which ends a blocked read. */
    private static final class StallWatchdog {
        private final InputStream body;
        private final long timeoutNanos;
        private final java.util.concurrent.ScheduledExecutorService timer;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean fired;

        StallWatchdog(InputStream body, Duration timeout) {
            this.body = body;
            this.timeoutNanos = timeout.toNanos();
            this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "natskit-download-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            schedule(timeoutNanos);
        }

        void progress() {
            lastProgress = System.nanoTime();
        }

        boolean fired() {
            return fired;
        }

        void stop() {
            timer.shutdownNow();
        }

        private void schedule(long delayNanos) {
            timer.schedule(this::check, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        private void check() {
            long idle = System.nanoTime() - lastProgress;
            if (idle < timeoutNanos) {
                schedule(timeoutNanos - idle);
                return;
            }
            fired = true;
            try {
                body.close();
            } catch (IOException e) {
                // The read that is blocked on the body fails either way.
            }
        }
    }
}
