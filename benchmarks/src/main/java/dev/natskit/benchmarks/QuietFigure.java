package dev.natskit.benchmarks;

import static dev.natskit.assertions.NatsAssertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.server.LocalNatsServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 4: checking that no further message arrives, after the expected ones did. natskit settles the check with
 * flush round trips; the peer waits through a fixed quiet window and then counts.
 */
final class QuietFigure {

    static final String TITLE = "4. no further messages";

    /** The peer's quiet window. The peer's figure is this window plus a few microseconds, so the ratio scales with it. */
    static final Duration QUIET_WINDOW = Duration.ofMillis(500);

    private static final int MESSAGES = 10;

    private final BenchmarkEnvironment environment;
    private final AtomicInteger subjects = new AtomicInteger();

    QuietFigure(BenchmarkEnvironment environment) {
        this.environment = environment;
    }

    List<Row> run(Settings settings) throws Exception {
        try (LocalNatsServer server =
                        LocalNatsServer.start(environment.serverOptions().build());
                Connection publisher = server.connect();
                Connection subscriber = server.connect()) {
            return new Comparison(TITLE, "ms")
                    .subject("natskit receivesNothingMore(publisher)", () -> natskit(publisher, subscriber))
                    .peer(
                            "fixed quiet window of " + QUIET_WINDOW.toMillis() + " ms",
                            () -> quietWindow(publisher, subscriber))
                    .run(settings.orQuick(3, 20));
        }
    }

    private double natskit(Connection publisher, Connection subscriber) {
        String subject = "quiet." + subjects.incrementAndGet();
        try (MessageRecorder recorder = NatsAssertions.record(subscriber, subject)) {
            publish(publisher, subject);
            assertThat(recorder).receives(MESSAGES);

            long started = System.nanoTime();
            assertThat(recorder).receivesNothingMore(publisher);
            return Timing.millisSince(started);
        }
    }

    private double quietWindow(Connection publisher, Connection subscriber) throws Exception {
        String subject = "quiet." + subjects.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        CountDownLatch received = new CountDownLatch(MESSAGES);
        Dispatcher dispatcher = subscriber.createDispatcher(message -> {
            count.incrementAndGet();
            received.countDown();
        });
        try {
            dispatcher.subscribe(subject);
            subscriber.flush(Duration.ofSeconds(5));
            publish(publisher, subject);
            if (!received.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out after 10 s waiting for " + MESSAGES + " messages");
            }

            long started = System.nanoTime();
            // The fixed sleep is the peer being measured: a test that waits out a quiet window, then counts.
            Thread.sleep(QUIET_WINDOW.toMillis());
            if (count.get() != MESSAGES) {
                throw new IllegalStateException("expected " + MESSAGES + " messages, but got " + count.get());
            }
            return Timing.millisSince(started);
        } finally {
            subscriber.closeDispatcher(dispatcher);
        }
    }

    private static void publish(Connection publisher, String subject) {
        byte[] data = "order".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < MESSAGES; i++) {
            publisher.publish(subject, data);
        }
    }
}
