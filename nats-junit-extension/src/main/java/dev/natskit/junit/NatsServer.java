package dev.natskit.junit;

import dev.natskit.server.ServerBackend;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests against a real nats-server, started from a local binary or as a Docker container, on a
 * random loopback port.
 *
 * <p>On a class, one server is shared by all tests of the class, {@code @Nested} classes included, and stopped
 * after the last one. On a test method, the method gets a server of its own. A {@code @Nested} class that carries
 * its own annotation gets its own server. The annotation also works as a meta-annotation.
 *
 * <p>Parameters of type {@code io.nats.client.Connection}, {@code JetStream}, {@code JetStreamManagement} and
 * {@link dev.natskit.server.NatsServerHandle} are injected into test, lifecycle and constructor methods, and into
 * fields marked {@link InjectNats}. Each test gets a new connection, closed after the test.
 *
 * <pre>{@code
 * @NatsServer
 * class GreetingTest {
 *     @Test
 *     void deliversGreeting(Connection connection) throws Exception {
 *         Subscription subscription = connection.subscribe("greetings");
 *         connection.flush(Duration.ofSeconds(1));
 *         connection.publish("greetings", "hello".getBytes(StandardCharsets.UTF_8));
 *         assertThat(subscription.nextMessage(Duration.ofSeconds(1)).getData()).asString().isEqualTo("hello");
 *     }
 * }
 * }</pre>
 *
 * <p>Requires JUnit Jupiter 5.13 or newer, which closes the servers and connections that the extension keeps in
 * its store.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NatsServerExtension.class)
public @interface NatsServer {

    /**
     * The backend that runs the server. {@code AUTO}, the default, defers to the configuration parameter {@code
     * natskit.server.backend} ({@code binary}, {@code container} or {@code auto}); when that is not set either, a
     * local binary is used when one can be resolved, otherwise a container when a Docker engine responds. {@code
     * BINARY} and {@code CONTAINER} win over the configuration parameter.
     *
     * <p>A container needs the test dependency {@code org.testcontainers:testcontainers} and a Docker engine. On a
     * remote engine it gets a new host port each time it starts again: {@code url()} and {@code port()} of the
     * handle return the current one, and injected connections reconnect to it.
     */
    ServerBackend backend() default ServerBackend.AUTO;

    /**
     * The Docker image a container runs, such as {@code "registry.example.com/mirror/nats:2.10.27"}. Default: empty,
     * which means the configuration parameter {@code natskit.server.image}, or {@code nats:<version>} for the
     * requested version, or {@code nats:2.10.27} when no version is requested. Ignored by a binary server.
     */
    String image() default "";

    /**
     * The nats-server version: exact such as {@code "2.10.27"}, or a prefix such as {@code "2.10"} for the newest
     * matching version available. A configured binary or one on the {@code PATH} must match it. Default: empty,
     * which means the configuration parameter {@code natskit.server.version}, or any version when that is not set.
     */
    String version() default "";

    /** Whether JetStream is enabled. Default: {@code true}. */
    boolean jetStream() default true;

    /**
     * Whether every stream, and with them every consumer, key-value bucket and object store, is deleted after each
     * test of a class-scoped server, so that tests do not see each other's data. While it is on, the tests that
     * share the server run one at a time, even under parallel execution. Create the streams a test needs in the test
     * or in {@code @BeforeEach}: streams made in {@code @BeforeAll} are gone after the first test. Has no effect on
     * a method-scoped server. Default: {@code true}.
     */
    boolean resetJetStream() default true;

    /**
     * Lines appended to the server's configuration file, such as {@code "max_payload: 2048"}. A line may override
     * a setting that natskit renders, since nats-server takes the last value of a key. Default: none.
     */
    String[] config() default {};

    /**
     * Start deadline, such as {@code "10s"}, {@code "500ms"} or {@code "PT10S"}. Default: empty, which means the
     * configuration parameter {@code natskit.server.start-timeout}, or 10 seconds when that is not set.
     */
    String startTimeout() default "";

    /**
     * Whether every line the server prints is logged at DEBUG level through {@code System.Logger}, besides being
     * captured in {@link dev.natskit.server.NatsServerHandle#log()}. Default: {@code false}, or the configuration
     * parameter {@code natskit.server.log-output}.
     */
    boolean logOutput() default false;
}
