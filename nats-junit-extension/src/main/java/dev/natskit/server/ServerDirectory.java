package dev.natskit.server;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The private directory of one server: configuration file, ports file folder, JetStream store and temp files. */
record ServerDirectory(Path root) {

    static final String PREFIX = "natskit-nats-server-";

    static ServerDirectory create(Path base) throws IOException {
        Files.createDirectories(base);
        ServerDirectory directory = new ServerDirectory(Files.createTempDirectory(base, PREFIX));
        Files.createDirectories(directory.portsFolder());
        Files.createDirectories(directory.jetStreamStore());
        Files.createDirectories(directory.temporaryFolder());
        return directory;
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
