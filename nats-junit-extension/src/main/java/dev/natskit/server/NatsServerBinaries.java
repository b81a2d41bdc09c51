package dev.natskit.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the nats-server binary to run.
 *
 * <p>The places are tried in this order, and the first one that names a binary wins:
 *
 * <ol>
 *   <li>an explicit path: {@link NatsServerOptions.Builder#binary(Path)}, the JUnit configuration parameter or the
 *       system property {@value #BINARY_PROPERTY};
 *   <li>the environment variable {@value #BINARY_ENVIRONMENT_VARIABLE};
 *   <li>{@code nats-server} on the {@code PATH};
 *   <li>the newest version in natskit's cache, {@code <cache>/nats-server/<version>/<os>-<arch>/nats-server}, which
 *       {@code scripts/provision-nats-server} and downloads fill;
 *   <li>a download of the requested version into the cache, when an exact version is requested and downloads are
 *       allowed (see {@link NatsServerDownloader}).
 * </ol>
 *
 * <p>When a version is requested, a binary from the first three places must match it, or resolution fails with an
 * error that names the version found. The cache yields its newest version that matches.
 *
 * <p>An explicit path or environment variable that names a missing file is an error, not a reason to go on to the
 * next place, so that a typo never runs a different server than the one configured.
 */
public final class NatsServerBinaries {

    /** System property and JUnit configuration parameter that name the binary to run. */
    public static final String BINARY_PROPERTY = "natskit.server.binary";

    /** Environment variable that names the binary to run. */
    public static final String BINARY_ENVIRONMENT_VARIABLE = "NATSKIT_SERVER_BINARY";

    /** System property and configuration parameter with the base URL to download releases from. */
    public static final String DOWNLOAD_URL_PROPERTY = "natskit.server.download.url";

    /** Environment variable with the base URL to download releases from. */
    public static final String DOWNLOAD_URL_ENVIRONMENT_VARIABLE = "NATSKIT_DOWNLOAD_URL";

    /** System property and configuration parameter that forbid downloads when {@code true}. */
    public static final String OFFLINE_PROPERTY = "natskit.server.offline";

    /** Environment variable that forbids downloads when {@code true}. */
    public static final String OFFLINE_ENVIRONMENT_VARIABLE = "NATSKIT_OFFLINE";

    /** System property that sets natskit's cache directory. */
    public static final String CACHE_DIRECTORY_PROPERTY = "natskit.cache.dir";

    /** Environment variable that sets natskit's cache directory. */
    public static final String CACHE_DIRECTORY_ENVIRONMENT_VARIABLE = "NATSKIT_CACHE_DIR";

    private static final String EXECUTABLE = isWindows() ? "nats-server.exe" : "nats-server";

    private final Map<String, String> environment;

    private NatsServerBinaries(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Resolves a binary of any version from the explicit path, or else from the environment and the cache. */
    public static NatsServerBinary resolve(Path explicitPath) {
        return resolve(explicitPath, VersionRequest.any(), DownloadSettings.fromEnvironment(System.getenv()));
    }

    /**
     * Resolves a binary that satisfies {@code request}, downloading it when allowed and needed.
     *
     * @throws NatsServerBinaryNotFoundException if no matching binary is found or can be downloaded; the message
     *     lists every place tried
     */
    public static NatsServerBinary resolve(Path explicitPath, VersionRequest request, DownloadSettings downloads) {
        return new NatsServerBinaries(System.getenv()).find(explicitPath, request, downloads);
    }

    /** Resolves as {@link #resolve(Path)} does, but reads variables from {@code environment}; for tests. */
    static NatsServerBinary resolve(Path explicitPath, Map<String, String> environment) {
        return new NatsServerBinaries(environment)
                .find(explicitPath, VersionRequest.any(), DownloadSettings.fromEnvironment(environment));
    }

    /** Resolves with every input given, reading variables from {@code environment}; for tests. */
    static NatsServerBinary resolve(
            Path explicitPath, VersionRequest request, DownloadSettings downloads, Map<String, String> environment) {
        return new NatsServerBinaries(environment).find(explicitPath, request, downloads);
    }

    /** Returns natskit's cache directory: the configured one, or {@code natskit} under the user's cache folder. */
    public static Path cacheDirectory() {
        return cacheDirectory(System.getenv());
    }

    static Path cacheDirectory(Map<String, String> environment) {
        String configured =
                System.getProperty(CACHE_DIRECTORY_PROPERTY, environment.get(CACHE_DIRECTORY_ENVIRONMENT_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "natskit");
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "natskit");
    }

    /** Returns the platform folder name of the cache, in the names nats-server releases use, such as linux-amd64. */
    public static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : os.replace(' ', '-');
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String archName = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private NatsServerBinary find(Path explicitPath, VersionRequest request, DownloadSettings downloads) {
        List<String> tried = new ArrayList<>();

        Path explicit = explicitPath;
        String explicitSource = "the configured path";
        if (explicit == null) {
            String property = System.getProperty(BINARY_PROPERTY);
            if (property != null && !property.isBlank()) {
                explicit = Paths.get(property);
                explicitSource = "the system property " + BINARY_PROPERTY;
            }
        }
        if (explicit != null) {
            return requireVersion(requireExecutable(explicit, explicitSource), request);
        }
        tried.add("the system property " + BINARY_PROPERTY + ": not set");

        String variable = environment.get(BINARY_ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            NatsServerBinary binary =
                    requireExecutable(Paths.get(variable), "the environment variable " + BINARY_ENVIRONMENT_VARIABLE);
            return requireVersion(binary, request);
        }
        tried.add("the environment variable " + BINARY_ENVIRONMENT_VARIABLE + ": not set");

        Optional<Path> onPath = findOnPath();
        if (onPath.isPresent()) {
            return requireVersion(new NatsServerBinary(onPath.get(), "the PATH"), request);
        }
        tried.add(EXECUTABLE + " on the PATH: not found in " + environment.getOrDefault("PATH", "(PATH is not set)"));

        Path cacheFolder = cacheDirectory(environment).resolve("nats-server");
        Optional<Path> cached = newestCached(cacheFolder, request);
        if (cached.isPresent()) {
            return new NatsServerBinary(cached.get(), "natskit's cache");
        }
        tried.add("natskit's cache: no " + cacheFolder + "/" + (request.isAny() ? "<version>" : request + "*") + "/"
                + platform() + "/" + EXECUTABLE);

        if (!downloads.enabled()) {
            tried.add("a download: downloads are off (" + OFFLINE_PROPERTY + ")");
        } else if (!request.isExact()) {
            tried.add("a download: only an exact version such as 2.10.27 is downloaded, and "
                    + (request.isAny() ? "no version was requested" : "\"" + request + "\" is a prefix"));
        } else {
            NatsServerDownloader downloader = new NatsServerDownloader(downloads.baseUrl(), cacheFolder, platform());
            Path downloaded = downloader.download(ServerVersion.parse(request.toString()));
            return new NatsServerBinary(downloaded, "a download from " + downloads.baseUrl());
        }

        throw new NatsServerBinaryNotFoundException(notFoundMessage(tried));
    }

    private static NatsServerBinary requireExecutable(Path configured, String source) {
        // The server runs in a directory of its own, so a relative path would name another file there.
        Path path = configured.toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new NatsServerBinaryNotFoundException("nats-server binary not found at " + path + ", which is set by "
                    + source + ". Correct the path, or unset it to use nats-server from the PATH.");
        }
        if (!Files.isExecutable(path)) {
            throw new NatsServerBinaryNotFoundException("nats-server binary at " + path + ", which is set by " + source
                    + ", is not executable. Run chmod +x on it, or correct the path.");
        }
        return new NatsServerBinary(path, source);
    }

    private static NatsServerBinary requireVersion(NatsServerBinary binary, VersionRequest request) {
        if (request.isAny()) {
            return binary;
        }
        ServerVersion found = BinaryVersions.of(binary.path());
        if (!request.matches(found)) {
            throw new NatsServerBinaryNotFoundException(
                    "nats-server " + found + " found at " + binary.path() + " (from "
                            + binary.source() + ") does not match the requested version " + request
                            + ". Point it at a matching binary, remove it so that the cache or a download is used, or"
                            + " request " + found + ".");
        }
        return binary;
    }

    private Optional<Path> findOnPath() {
        String path = environment.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            Path candidate = Paths.get(folder, EXECUTABLE).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the version of a nats-server binary by running it with {@code --version}; the result is remembered
     * for each file.
     *
     * @throws NatsServerBinaryNotFoundException if the binary does not run or prints no nats-server version
     */
    public static String versionOf(Path binary) {
        return BinaryVersions.of(binary).text();
    }

    /** Returns the versions in the cache for this platform, newest first. */
    public static List<ServerVersion> cachedVersions() {
        Path cacheFolder = cacheDirectory().resolve("nats-server");
        return cachedBinaries(cacheFolder)
                .map(NatsServerBinaries::cachedVersionOf)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    private static Stream<Path> cachedBinaries(Path cacheFolder) {
        if (!Files.isDirectory(cacheFolder)) {
            return Stream.empty();
        }
        try (Stream<Path> versions = Files.list(cacheFolder)) {
            return versions
                    .filter(folder -> !folder.getFileName().toString().startsWith("."))
                    .map(folder -> folder.resolve(platform()).resolve(EXECUTABLE))
                    .filter(binary -> Files.isRegularFile(binary) && Files.isExecutable(binary))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static ServerVersion cachedVersionOf(Path cachedBinary) {
        return ServerVersion.parse(
                cachedBinary.getParent().getParent().getFileName().toString());
    }

    private static Optional<Path> newestCached(Path cacheFolder, VersionRequest request) {
        return cachedBinaries(cacheFolder)
                .filter(binary -> request.matches(cachedVersionOf(binary)))
                .max(Comparator.comparing(NatsServerBinaries::cachedVersionOf));
    }

    private static String notFoundMessage(List<String> tried) {
        StringBuilder message = new StringBuilder("nats-server binary not found. Places tried, in order:\n");
        tried.forEach(place -> message.append("  - ").append(place).append('\n'));
        message.append("To fix it, do one of these:\n")
                .append("  - run scripts/provision-nats-server from the natskit repository (Debian-based Linux),\n")
                .append("  - install nats-server and put it on the PATH,\n")
                .append("  - set ")
                .append(BINARY_ENVIRONMENT_VARIABLE)
                .append(" or the configuration parameter ")
                .append(BINARY_PROPERTY)
                .append(" to the path of a nats-server binary.");
        return message.toString();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
