package dev.natskit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/** The private directory of one server: configuration file, ports file folder, JetStream store and temp files. */
record ServerDirectory(Path root) {

    static final String PREFIX = "natskit-nats-server-";

    private static final String OWNER_FILE = "owner";
    // A directory without an owner file may be one that another JVM is creating right now.
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(1);

    /**
     * Creates the directory of a new server under the options' base directory, after deleting the directories that
     * killed JVMs left there.
     *
     * @throws NatsServerStartException if the directory cannot be created
     */
    static ServerDirectory createFor(NatsServerOptions options) {
        try {
            Path base = options.baseDirectory()
                    .orElse(Paths.get(System.getProperty("java.io.tmpdir")))
                    .toAbsolutePath();
            ShutdownCleanup.deleteAbandonedOnce(base);
            return create(base);
        } catch (IOException e) {
            throw new NatsServerStartException(
                    "failed to create a directory for nats-server: " + e
                            + ". Check that the base directory (java.io.tmpdir unless set) exists and is writable.",
                    e);
        }
    }

    static ServerDirectory create(Path base) throws IOException {
        Files.createDirectories(base);
        ServerDirectory directory = new ServerDirectory(Files.createTempDirectory(base, PREFIX));
        Files.writeString(
                directory.root().resolve(OWNER_FILE), ownerLine(ProcessHandle.current()), StandardCharsets.UTF_8);
        Files.createDirectories(directory.portsFolder());
        Files.createDirectories(directory.jetStreamStore());
        Files.createDirectories(directory.temporaryFolder());
        return directory;
    }

    /**
     * Deletes the server directories under {@code base} whose owning JVM no longer runs, such as those of a JVM
     * killed with SIGKILL, which runs no shutdown hook. Returns the number deleted; failures are skipped.
     */
    static int deleteAbandoned(Path base) {
        if (!Files.isDirectory(base)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> entries = Files.list(base)) {
            for (Path entry : entries.filter(
                            path -> path.getFileName().toString().startsWith(PREFIX))
                    .toList()) {
                if (isAbandoned(entry)) {
                    try {
                        deleteTree(entry);
                        deleted++;
                    } catch (IOException e) {
                        // Another JVM may be deleting the same directory; the next run tries again.
                    }
                }
            }
        } catch (IOException e) {
            return deleted;
        }
        return deleted;
    }

    private static boolean isAbandoned(Path directory) {
        try {
            Path owner = directory.resolve(OWNER_FILE);
            if (!Files.exists(owner)) {
                Instant modified = Files.getLastModifiedTime(directory).toInstant();
                return modified.isBefore(Instant.now().minus(UNOWNED_GRACE));
            }
            String recorded = Files.readString(owner, StandardCharsets.UTF_8).strip();
            long pid = Long.parseLong(recorded.split(" ", 2)[0]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isEmpty() || !ownerLine(process.get()).strip().equals(recorded);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Identifies a JVM by pid and start time, since a pid alone may be reused by an unrelated process. */
    private static String ownerLine(ProcessHandle process) {
        return process.pid() + " "
                + process.info().startInstant().map(Instant::toString).orElse("unknown") + "\n";
    }

    Path configurationFile() {
        return root.resolve("nats-server.conf");
    }

    Path portsFolder() {
        return root.resolve("ports");
    }

    Path jetStreamStore() {
        return root.resolve("jetstream");
    }

    Path temporaryFolder() {
        return root.resolve("tmp");
    }

    /** Deletes the ports files a killed server left behind, so that the next start reads only its own. */
    void clearPortsFolder() throws IOException {
        deleteTree(portsFolder());
        Files.createDirectories(portsFolder());
    }

    void delete() throws IOException {
        deleteTree(root);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                deleteIfPresent(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException error) throws IOException {
                if (error instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw error;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path folder, IOException error) throws IOException {
                if (error != null && !(error instanceof NoSuchFileException)) {
                    throw error;
                }
                deleteIfPresent(folder);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfPresent(Path path) throws IOException {
        Files.deleteIfExists(path);
    }
}
