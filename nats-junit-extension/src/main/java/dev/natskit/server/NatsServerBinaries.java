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
 *       {@code scripts/provision-nats-server} fills.
 * </ol>
 *
 * <p>An explicit path or environment variable that names a missing file is an error, not a reason to go on to the
 * next place, so that a typo never runs a different server than the one configured.
 */
public final class NatsServerBinaries {

    /** System property and JUnit configuration parameter that name the binary to run. */
    public static final String BINARY_PROPERTY = "natskit.server.binary";

    /** Environment variable that names the binary to run. */
    public static final String BINARY_ENVIRONMENT_VARIABLE = "NATSKIT_SERVER_BINARY";

    /** System property that sets natskit's cache directory. */
    public static final String CACHE_DIRECTORY_PROPERTY = "natskit.cache.dir";

    /** Environment variable that sets natskit's cache directory. */
    public static final String CACHE_DIRECTORY_ENVIRONMENT_VARIABLE = "NATSKIT_CACHE_DIR";

    private static final String EXECUTABLE = isWindows() ? "nats-server.exe" : "nats-server";

    private final Map<String, String> environment;

    private NatsServerBinaries(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Resolves the binary from the explicit path, or else from this process's environment and the cache. */
    public static NatsServerBinary resolve(Path explicitPath) {
        return new NatsServerBinaries(System.getenv()).find(explicitPath);
    }

    /** Resolves the binary as {@link #resolve(Path)} does, but reads variables from {@code environment}. */
    public static NatsServerBinary resolve(Path explicitPath, Map<String, String> environment) {
        return new NatsServerBinaries(environment).find(explicitPath);
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

    private NatsServerBinary find(Path explicitPath) {
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
            return requireExecutable(explicit, explicitSource);
        }
        tried.add("the system property " + BINARY_PROPERTY + ": not set");

        String variable = environment.get(BINARY_ENVIRONMENT_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return requireExecutable(Paths.get(variable), "the environment variable " + BINARY_ENVIRONMENT_VARIABLE);
        }
        tried.add("the environment variable " + BINARY_ENVIRONMENT_VARIABLE + ": not set");

        Optional<Path> onPath = findOnPath();
        if (onPath.isPresent()) {
            return new NatsServerBinary(onPath.get(), "the PATH");
        }
        tried.add(EXECUTABLE + " on the PATH: not found in " + environment.getOrDefault("PATH", "(PATH is not set)"));

        Path cacheFolder = cacheDirectory(environment).resolve("nats-server");
        Optional<Path> cached = newestCached(cacheFolder);
        if (cached.isPresent()) {
            return new NatsServerBinary(cached.get(), "natskit's cache");
        }
        tried.add("natskit's cache: no " + cacheFolder + "/<version>/" + platform() + "/" + EXECUTABLE);

        throw new NatsServerBinaryNotFoundException(notFoundMessage(tried));
    }

    private static NatsServerBinary requireExecutable(Path path, String source) {
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

    private Optional<Path> findOnPath() {
        String path = environment.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            Path candidate = Paths.get(folder, EXECUTABLE);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newestCached(Path cacheFolder) {
        if (!Files.isDirectory(cacheFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(cacheFolder)) {
            return versions.filter(folder -> !folder.getFileName().toString().startsWith("."))
                    .map(folder -> folder.resolve(platform()).resolve(EXECUTABLE))
                    .filter(binary -> Files.isRegularFile(binary) && Files.isExecutable(binary))
                    .max(Comparator.comparing(binary -> ServerVersion.parse(
                            binary.getParent().getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
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
