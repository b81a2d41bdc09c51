package dev.natskit.assertions;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import java.io.IOException;
import java.time.Duration;
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
     * A null timeout means one read. There is no pause between reads: each read is one request round trip to the
     * server, and the server answers only after it has handled the requests that came before.
     */
    static <T> Read<T> until(Supplier<Read<T>> read, Predicate<T> holds, Duration timeout, String waitingFor) {
        Read<T> last = read.get();
        if (timeout == null) {
            return last;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(last.found() && holds.test(last.info())) && System.nanoTime() - deadline < 0) {
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
