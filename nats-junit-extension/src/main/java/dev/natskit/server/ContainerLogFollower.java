package dev.natskit.server;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Copies a container's output into a {@link ServerLog}, line by line, while the container runs.
 *
 * <p>Docker keeps a container's output across stops and starts, and following it again replays the earlier lines.
 * Each line is read with Docker's timestamp, and lines not newer than the last one copied are skipped, so that the
 * log contains every line once.
 */
final class ContainerLogFollower extends ResultCallback.Adapter<Frame> {

    static final String READY_LINE = "Server is ready";

    private final ServerLog log;
    private final System.Logger logger;
    private final Instant after;
    private final Map<StreamType, ByteArrayOutputStream> partialLines = new EnumMap<>(StreamType.class);
    private volatile Instant lastTimestamp;
    private volatile boolean ready;
    private volatile boolean ended;

    private ContainerLogFollower(ServerLog log, Instant after, System.Logger logger) {
        this.log = log;
        this.logger = logger;
        this.after = after;
        this.lastTimestamp = after;
    }

    /**
     * Follows the container's output, copying the lines newer than {@code after}; each line is also logged at DEBUG
     * level when {@code logger} is not null.
     */
    static ContainerLogFollower follow(
            DockerClient docker, String containerId, ServerLog log, Instant after, System.Logger logger) {
        ContainerLogFollower follower = new ContainerLogFollower(log, after, logger);
        docker.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withTimestamps(true)
                .withSince((int) after.getEpochSecond())
                .exec(follower);
        return follower;
    }

    /** Returns whether the server printed that it is ready since this follower started. */
    boolean sawReadyLine() {
        return ready;
    }

    /** Returns whether the output ended, which happens when the container stops. */
    boolean ended() {
        return ended;
    }

    /** Returns the timestamp of the last line copied, for the next follower to start after. */
    Instant lastTimestamp() {
        return lastTimestamp;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        ByteArrayOutputStream partial =
                partialLines.computeIfAbsent(frame.getStreamType(), type -> new ByteArrayOutputStream());
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                copyLine(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        end();
    }

    @Override
    public void onComplete() {
        end();
    }

    private synchronized void end() {
        partialLines.values().forEach(partial -> {
            if (partial.size() > 0) {
                copyLine(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
        });
        ended = true;
        log.signal();
    }

    private void copyLine(String stamped) {
        int space = stamped.indexOf(' ');
        String line = stamped;
        if (space > 0) {
            try {
                Instant timestamp = Instant.parse(stamped.substring(0, space));
                if (!timestamp.isAfter(lastTimestamp) || !timestamp.isAfter(after)) {
                    return;
                }
                lastTimestamp = timestamp;
                line = stamped.substring(space + 1);
            } catch (DateTimeParseException e) {
                // A line without a timestamp is the rest of a line too long for one frame: copy it as it is.
            }
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.contains(READY_LINE)) {
            ready = true;
        }
        log.append(line);
        if (logger != null) {
            String copied = line;
            logger.log(System.Logger.Level.DEBUG, () -> copied);
        }
    }
}
