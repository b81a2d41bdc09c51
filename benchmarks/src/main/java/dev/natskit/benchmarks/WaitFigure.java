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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * Figure 3: how soon a test that waits for messages goes on after the last one arrives. A test thread waits for
 * {@value #MESSAGES} messages on one connection while another thread publishes them from a second connection;
 * the value is the time from publishing the last message to the wait returning.
 */
final class WaitFigure {

    static final String TITLE = "3. wait for " + WaitFigure.MESSAGES + " messages, last publish to return";

    static final int MESSAGES = 10;

    // The last message is published at a random moment within one Awaitility poll interval (100 ms by default),
    // as a system under test would reply at any point of the poll cycle. The figure starts at that publish, so
    // the offset itself is not part of it.
    private static final long MAX_OFFSET_MICROS = 100_000;

    private final BenchmarkEnvironment environment;
    private final AtomicInteger subjects = new AtomicInteger();

    WaitFigure(BenchmarkEnvironment environment) {
        this.environment = environment;
    }

    List<Row> run(Settings settings) throws Exception {
        ScheduledExecutorService publisherThread = Executors.newSingleThreadScheduledExecutor();
        try (LocalNatsServer server =
                        LocalNatsServer.start(environment.serverOptions().build());
                Connection publisher = server.connect();
                Connection subscriber = server.connect()) {
            Messaging messaging = new Messaging(publisher, subscriber, publisherThread);
            return new Comparison(TITLE, "ms")
                    .subject("natskit assertThat(recorder).receives(n)", messaging::natskit)
                    .peer("Awaitility until(count == n), default 100 ms poll", messaging::awaitility)
                    .peer("CountDownLatch in the message handler (floor)", messaging::latch)
                    .run(settings.orQuick(3, 25));
        } finally {
            publisherThread.shutdownNow();
        }
    }

    private final class Messaging {
        private final Connection publisher;
        private final Connection subscriber;
        private final ScheduledExecutorService publisherThread;

        Messaging(Connection publisher, Connection subscriber, ScheduledExecutorService publisherThread) {
            this.publisher = publisher;
            this.subscriber = subscriber;
            this.publisherThread = publisherThread;
        }

        double natskit() throws Exception {
            String subject = nextSubject();
            try (MessageRecorder recorder = NatsAssertions.record(subscriber, subject)) {
                AtomicLong lastPublished = publishLater(subject);
                assertThat(recorder).receives(MESSAGES);
                return sinceLastPublish(lastPublished);
            }
        }

        double awaitility() throws Exception {
            String subject = nextSubject();
            AtomicInteger count = new AtomicInteger();
            Dispatcher dispatcher = subscriber.createDispatcher(message -> count.incrementAndGet());
            try {
                dispatcher.subscribe(subject);
                subscriber.flush(Duration.ofSeconds(5));
                AtomicLong lastPublished = publishLater(subject);
                Awaitility.await().until(() -> count.get() >= MESSAGES);
                return sinceLastPublish(lastPublished);
            } finally {
                subscriber.closeDispatcher(dispatcher);
            }
        }

        double latch() throws Exception {
            String subject = nextSubject();
            CountDownLatch received = new CountDownLatch(MESSAGES);
            Dispatcher dispatcher = subscriber.createDispatcher(message -> received.countDown());
            try {
                dispatcher.subscribe(subject);
                subscriber.flush(Duration.ofSeconds(5));
                AtomicLong lastPublished = publishLater(subject);
                if (!received.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("timed out after 10 s waiting for " + MESSAGES + " messages");
                }
                return sinceLastPublish(lastPublished);
            } finally {
                subscriber.closeDispatcher(dispatcher);
            }
        }

        /**
         * Publishes all but the last message at once and the last one at a random offset, on the publisher thread.
         * Returns the {@code nanoTime} of the last publish, which is set before the wait can return.
         */
        private AtomicLong publishLater(String subject) {
            AtomicLong lastPublished = new AtomicLong();
            byte[] data = "order".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < MESSAGES - 1; i++) {
                publisher.publish(subject, data);
            }
            long offset = ThreadLocalRandom.current().nextLong(MAX_OFFSET_MICROS);
            publisherThread.schedule(
                    () -> {
                        lastPublished.set(System.nanoTime());
                        publisher.publish(subject, data);
                    },
                    offset,
                    TimeUnit.MICROSECONDS);
            return lastPublished;
        }

        private static double sinceLastPublish(AtomicLong lastPublished) {
            long published = lastPublished.get();
            if (published == 0) {
                throw new IllegalStateException("the wait returned before the last message was published");
            }
            return Timing.millisSince(published);
        }

        private String nextSubject() {
            return "wait." + subjects.incrementAndGet();
        }
    }
}
