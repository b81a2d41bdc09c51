package dev.natskit.assertions;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads stream and consumer info from the server, once or until a condition holds. */
final class JetStreamReads {

    // JetStream API error codes of nats-server for a stream or consumer that does not exist.
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;

    private JetStreamReads() {}

    /** One read: the info, or why the server found no stream or consumer. */
    record Read<T>(T info, String notFound) {

        boolean found() {
            return info != null;
        }
    }

    /** Reads a stream's info, with the per-subject message counts when {@code allSubjects} is set. */
    static Read<StreamInfo> stream(JetStreamManagement jsm, String stream, boolean allSubjects) {
        try {
            StreamInfo info = allSubjects
                    ? jsm.getStreamInfo(stream, StreamInfoOptions.allSubjects())
                    : jsm.getStreamInfo(stream);
            return new Read<>(info, null);
        } catch (JetStreamApiException e) {
            return notFound(e, JetStreamText.stream(stream));
        } catch (IOException e) {
            throw failed(JetStreamText.stream(stream), e);
        }
    }

    static Read<ConsumerInfo> consumer(JetStreamManagement jsm, String stream, String consumer) {
        try {
            return new Read<>(jsm.getConsumerInfo(stream, consumer), null);
        } catch (JetStreamApiException e) {
            return notFound(e, "consumer " + JetStreamText.consumer(stream, consumer));
        } catch (IOException e) {
            throw failed("consumer " + JetStreamText.consumer(stream, consumer), e);
        }
    }

    /**
     * Reads until the info is found and {@code holds} accepts it, or the timeout passes, and returns the last read.
     * A null timeout means one read. The server announces no change of stream or consumer state, so the reads are
     * repeated: the pause between two reads starts at 1 ms and doubles up to 50 ms, which keeps a quick change quick
     * to see without flooding a slow server with requests.
     */
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    static <T> Read<T> until(Supplier<Read<T>> read, Predicate<T> holds, Duration timeout, String waitingFor) {
        Read<T> last = read.get();
        if (timeout == null) {
            return last;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseNanos = FIRST_PAUSE_NANOS;
        while (!(last.found() && holds.test(last.info())) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Math.min(pauseNanos, Math.max(0, deadline - System.nanoTime())));
            pauseNanos = Math.min(pauseNanos * 2, MAX_PAUSE_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                throw Interruptions.interrupted(waitingFor, new InterruptedException());
            }
            last = read.get();
        }
        return last;
    }

    private static <T> Read<T> notFound(JetStreamApiException e, String what) {
        if (e.getApiErrorCode() == STREAM_NOT_FOUND || e.getApiErrorCode() == CONSUMER_NOT_FOUND) {
            return new Read<>(null, e.getErrorDescription() + " (error " + e.getApiErrorCode() + ")");
        }
        throw new IllegalStateException("Failed to read the info of " + what + ": " + e.getMessage(), e);
    }

    private static IllegalStateException failed(String what, IOException e) {
        return new IllegalStateException(
                "Failed to read the info of " + what + ": " + e.getMessage()
                        + ". Is the connection up and JetStream enabled on the server?",
                e);
    }
}
