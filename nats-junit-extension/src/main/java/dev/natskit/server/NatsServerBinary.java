package dev.natskit.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A nats-server executable and where it was found.
 *
 * @param path the executable, never null
 * @param source where it was found, such as {@code "the PATH"} or {@code "the environment variable
 *     NATSKIT_SERVER_BINARY"}; used in log lines and errors
 */
public record NatsServerBinary(Path path, String source) {

    /** Checks that both components are present. */
    public NatsServerBinary {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
    }
}
