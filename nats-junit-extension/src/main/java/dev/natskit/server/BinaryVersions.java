package dev.natskit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the version of a nats-server binary by running {@code nats-server --version}, once per file. */
final class BinaryVersions {

    private static final Pattern VERSION = Pattern.compile("v(\\d+\\.\\d+\\.\\d+[0-9A-Za-z.+-]*)");
    private static final long TIMEOUT_SECONDS = 10;

    private record Key(Path path, FileTime modified) {}

    private static final Map<Key, ServerVersion> KNOWN = new ConcurrentHashMap<>();

    private BinaryVersions() {}

    /**
     * Returns the binary's version.
     *
     * @throws NatsServerBinaryNotFoundException if the binary cannot run or prints no version, which means it is
     *     not a nats-server
     */
    static ServerVersion of(Path binary) {
        Key key;
        try {
            key = new Key(binary.toAbsolutePath(), Files.getLastModifiedTime(binary));
        } catch (IOException e) {
            throw new NatsServerBinaryNotFoundException("failed to read " + binary + ": " + e.getMessage());
        }
        return KNOWN.computeIfAbsent(key, ignored -> probe(binary));
    }

    private static ServerVersion probe(Path binary) {
        String output;
        int exitCode;
        Path printed = null;
        try {
            // The output goes to a file, so a binary that hangs cannot block a read past the timeout.
            printed = Files.createTempFile("natskit-version-", ".txt");
            Process process = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(printed.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NatsServerBinaryNotFoundException(
                        binary + " --version did not exit within " + TIMEOUT_SECONDS + " s; is it a nats-server?");
            }
            exitCode = process.exitValue();
            output = Files.readString(printed, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new NatsServerBinaryNotFoundException("failed to run " + binary + " --version: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerBinaryNotFoundException("interrupted while running " + binary + " --version");
        } finally {
            deleteQuietly(printed);
        }
        Matcher matcher = VERSION.matcher(output);
        if (exitCode != 0 || !matcher.find()) {
            throw new NatsServerBinaryNotFoundException(binary + " --version exited with code " + exitCode
                    + " and printed \"" + output + "\", which names no nats-server version; is it a nats-server?");
        }
        return ServerVersion.parse(matcher.group(1));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temp file of a few bytes is harmless.
        }
    }
}
