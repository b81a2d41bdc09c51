package dev.natskit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A nats-server process started directly, with nothing around it, as the floor that start times are compared
 * with: the same configuration as a natskit server (loopback, free ports, a private JetStream store), ready when
 * its ports file names a client URL.
 */
final class RawNatsServer implements AutoCloseable {

    // The ports file is written in place, so a reader may see half of it. The closing brace marks a whole file.
    private static final Pattern CLIENT_URL = Pattern.compile("\"nats\"\\s*:\\s*\\[\\s*\"(nats://[^\"]+)\"[^}]*}\\s*$");

    private final Process process;
    private final Path directory;
    private final String url;

    private RawNatsServer(Process process, Path directory, String url) {
        this.process = process;
        this.directory = directory;
        this.url = url;
    }

    static RawNatsServer start(Path binary, Path directory, Duration timeout) throws IOException, InterruptedException {
        Path ports = Files.createDirectories(directory.resolve("ports"));
        Path configuration = directory.resolve("nats-server.conf");
        Files.writeString(
                configuration,
                "listen: \"127.0.0.1:-1\"\nhttp: \"127.0.0.1:-1\"\njetstream { store_dir: \""
                        + directory.resolve("jetstream") + "\" }\n",
                StandardCharsets.UTF_8);
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            ports.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Process process = new ProcessBuilder(
                            binary.toString(), "-c", configuration.toString(), "--ports_file_dir", ports.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                return new RawNatsServer(process, directory, awaitClientUrl(process, ports, watcher, timeout));
            } catch (IOException | InterruptedException | RuntimeException e) {
                process.destroyForcibly().waitFor();
                throw e;
            }
        }
    }

    String url() {
        return url;
    }

    private static String awaitClientUrl(Process process, Path ports, WatchService watcher, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> url = readClientUrl(ports);
            if (url.isPresent()) {
                return url.get();
            }
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with code " + process.exitValue() + " during startup");
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new IOException(
                        "timed out after " + timeout.toMillis() + " ms waiting for the ports file in " + ports);
            }
            // Wakes on the next change in the folder. The bounded wait also notices a process that exited.
            var key = watcher.poll(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
    }

    private static Optional<String> readClientUrl(Path ports) throws IOException {
        try (Stream<Path> files = Files.list(ports)) {
            for (Path file : files.toList()) {
                Matcher matcher = CLIENT_URL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        BenchmarkEnvironment.deleteTree(directory);
    }
}
