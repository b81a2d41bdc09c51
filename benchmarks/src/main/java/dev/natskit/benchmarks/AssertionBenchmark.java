package dev.natskit.benchmarks;

import static dev.natskit.assertions.NatsAssertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.server.LocalNatsServer;
import dev.natskit.server.NatsServerOptions;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the assertions' steady-state cost on a warm JVM, against a flush round trip, the least any
 * check that involves the server can cost. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main AssertionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AssertionBenchmark {

    private static final byte[] DATA = "order".getBytes(StandardCharsets.UTF_8);

    private LocalNatsServer server;
    private Connection publisher;
    private Connection subscriber;
    private MessageRecorder recorder;
    private int published;

    @Setup(Level.Trial)
    public void startServer() {
        server = LocalNatsServer.start(
                NatsServerOptions.builder().jetStream(false).build());
        publisher = server.connect();
        subscriber = server.connect();
        recorder = NatsAssertions.record(subscriber, "orders");
    }

    @TearDown(Level.Trial)
    public void stopServer() throws InterruptedException {
        recorder.close();
        subscriber.close();
        publisher.close();
        server.close();
    }

    /** Flushes the publishing connection once: a PING to the server and its PONG. */
    @Benchmark
    public void flushRoundTrip() throws TimeoutException, InterruptedException {
        publisher.flush(Duration.ofSeconds(5));
    }

    /** Runs natskit's settled check: a flush of the publisher, then a marker through the recorder's dispatcher. */
    @Benchmark
    public void receivesNothingMore() {
        assertThat(recorder).receivesNothingMore(publisher);
    }

    /** Publishes one message and waits until the recorder has it. */
    @Benchmark
    public void publishAndReceive() {
        publisher.publish("orders", DATA);
        published++;
        assertThat(recorder).receives(published);
    }
}
