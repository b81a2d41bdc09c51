package dev.natskit.benchmarks;

import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerBinary;
import dev.natskit.server.NatsServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The resources every figure shares: one nats-server binary, so that all contenders run the same build, and one scratch
 * directory for the servers of this run, deleted at the end.
 */
final class BenchmarkEnvironment implements AutoCloseable {

    private final NatsServerBinary binary;
    private final String serverVersion;
    private final Path scratch;

    private BenchmarkEnvironment(NatsServerBinary binary, String serverVersion, Path scratch) {
        this.binary = binary;
        this.serverVersion = serverVersion;
        this.scratch = scratch;
    }

    /** Resolves the binary the way the extension does: natskit.server.binary, then the PATH, then the cache. */
    static BenchmarkEnvironment create() throws IOException {
        NatsServerBinary binary = NatsServerBinaries.resolve(null);
        String version = NatsServerBinaries.versionOf(binary.path());
        return new BenchmarkEnvironment(binary, version, Files.createTempDirectory("natskit-benchmarks-"));
    }

    NatsServerBinary binary() {
        return binary;
    }

    String serverVersion() {
        return serverVersion;
    }

    /** Options of a natskit server for this run: the shared binary and the scratch directory, JetStream on. */
    NatsServerOptions.Builder serverOptions() {
        return NatsServerOptions.builder().binary(binary.path()).baseDirectory(scratch.resolve("natskit"));
    }

    /** Creates a new private directory for a server that natskit does not start. */
    Path newDirectory(String prefix) throws IOException {
        Files.createDirectories(scratch);
        return Files.createTempDirectory(scratch, prefix);
    }

    @Override
    public void close() throws IOException {
        deleteTree(scratch);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
