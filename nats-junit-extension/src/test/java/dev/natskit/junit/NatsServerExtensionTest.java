package dev.natskit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.natskit.server.NatsServerHandle;
import dev.natskit.server.Reconnects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

@DisplayName("@NatsServer")
class NatsServerExtensionTest {

    /** A server seen by a fixture test: enough to tell servers apart and to check they are gone afterwards. */
    record Seen(int port, long pid, Path directory, Connection connection) {
        static Seen of(NatsServerHandle server, Connection connection) {
            long pid = ((dev.natskit.server.LocalNatsServer) server).pid().orElseThrow();
            return new Seen(server.port(), pid, server.directory(), connection);
        }
    }

    static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute();
    }

    static void assertGone(Seen seen) throws Exception {
        var handle = ProcessHandle.of(seen.pid());
        if (handle.isPresent()) {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(seen.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(seen.directory()).doesNotExist();
    }

    @Test
    @DisplayName("class scope shares one server and closes it after the class")
    void classScope() throws Exception {
        EngineExecutionResults results = run(ClassScoped.class);

        FixtureResults.assertAllSucceeded(results, 2);
        assertThat(ClassScoped.SEEN).hasSize(2);
        Seen first = ClassScoped.SEEN.get(0);
        Seen second = ClassScoped.SEEN.get(1);
        assertThat(first.port()).isEqualTo(second.port());
        assertThat(first.pid()).isEqualTo(second.pid());
        assertThat(first.connection()).isNotSameAs(second.connection());
        assertThat(first.connection().getStatus()).isEqualTo(Connection.Status.CLOSED);
        assertGone(first);
    }

    @NatsServer
    static class ClassScoped {
        static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

        @Test
        void first(NatsServerHandle server, Connection connection) {
            SEEN.add(Seen.of(server, connection));
        }

        @Test
        void second(NatsServerHandle server, Connection connection) {
            SEEN.add(Seen.of(server, connection));
        }
    }

    @Test
    @DisplayName("method scope gives each test its own server")
    void methodScope() throws Exception {
        EngineExecutionResults results = run(MethodScoped.class);

        FixtureResults.assertAllSucceeded(results, 2);
        assertThat(MethodScoped.SEEN).hasSize(2);
        assertThat(MethodScoped.SEEN.get(0).port())
                .isNotEqualTo(MethodScoped.SEEN.get(1).port());
        assertGone(MethodScoped.SEEN.get(0));
        assertGone(MethodScoped.SEEN.get(1));
    }

    static class MethodScoped {
        static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

        @Test
        @NatsServer
        void first(NatsServerHandle server, Connection connection) {
            SEEN.add(Seen.of(server, connection));
        }

        @Test
        @NatsServer(jetStream = false)
        void second(NatsServerHandle server, Connection connection) {
            assertThat(server.jetStreamEnabled()).isFalse();
            SEEN.add(Seen.of(server, connection));
        }
    }

    @Test
    @DisplayName("injects every supported type into parameters and fields")
    void injection() {
        EngineExecutionResults results = run(Injection.class);

        FixtureResults.assertAllSucceeded(results, 1);
    }

    @NatsServer
    static class Injection {
        @InjectNats
        static NatsServerHandle staticServer;

        static NatsServerHandle serverInBeforeAll;

        @InjectNats
        Connection connectionField;

        @InjectNats
        JetStream jetStreamField;

        @InjectNats
        JetStreamManagement managementField;

        @InjectNats
        NatsServerHandle serverField;

        final NatsServerHandle serverInConstructor;

        Injection(NatsServerHandle server) {
            this.serverInConstructor = server;
        }

        @BeforeAll
        static void beforeAll(NatsServerHandle server) {
            serverInBeforeAll = server;
        }

        @Test
        void everything(
                Connection connection, JetStream jetStream, JetStreamManagement management, NatsServerHandle server)
                throws Exception {
            assertThat(staticServer).isSameAs(server);
            assertThat(serverInBeforeAll).isSameAs(server);
            assertThat(serverInConstructor).isSameAs(server);
            assertThat(serverField).isSameAs(server);
            assertThat(connectionField).isSameAs(connection);
            assertThat(connection.getConnectedUrl()).isEqualTo(server.url());

            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            jetStream.publish("orders.one", "1".getBytes(StandardCharsets.UTF_8));
            jetStreamField.publish("orders.two", "2".getBytes(StandardCharsets.UTF_8));
            long count =
                    managementField.getStreamInfo("ORDERS").getStreamState().getMsgCount();
            assertThat(count).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("deletes streams after each test of a class server")
    void resetsBetweenTests() {
        EngineExecutionResults results = run(ResetOn.class);

        FixtureResults.assertAllSucceeded(results, 2);
    }

    @NatsServer
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetOn {
        @Test
        @Order(1)
        void createsStream(JetStreamManagement management) throws Exception {
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
        }

        @Test
        @Order(2)
        void findsNoStream(JetStreamManagement management) throws Exception {
            assertThat(management.getStreamNames()).isEmpty();
        }
    }

    @Test
    @DisplayName("keeps streams when resetJetStream is off")
    void keepsStreamsWhenResetIsOff() {
        EngineExecutionResults results = run(ResetOff.class);

        FixtureResults.assertAllSucceeded(results, 2);
    }

    @NatsServer(resetJetStream = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetOff {
        @Test
        @Order(1)
        void createsStream(JetStreamManagement management) throws Exception {
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
        }

        @Test
        @Order(2)
        void findsStream(JetStreamManagement management) throws Exception {
            assertThat(management.getStreamNames()).containsExactly("ORDERS");
        }
    }

    @Test
    @DisplayName("restart keeps the port, the data and the injected connection")
    void restart() {
        EngineExecutionResults results = run(Restart.class);

        FixtureResults.assertAllSucceeded(results, 1);
    }

    @NatsServer
    static class Restart {
        @Test
        void keepsData(NatsServerHandle server, Connection connection, JetStreamManagement management)
                throws Exception {
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            connection.jetStream().publish("orders.one", "1".getBytes(StandardCharsets.UTF_8));
            int port = server.port();

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            Reconnects.await(connection);
            assertThat(management.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("starts a stopped class server again for the next test")
    void restoresStoppedServer() {
        EngineExecutionResults results = run(StoppedByTest.class);

        FixtureResults.assertAllSucceeded(results, 2);
    }

    @NatsServer
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StoppedByTest {
        @Test
        @Order(1)
        void stops(NatsServerHandle server) {
            server.stop();
        }

        @Test
        @Order(2)
        void findsItRunning(NatsServerHandle server) {
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("nested classes share the outer server unless annotated")
    void nestedClasses() {
        EngineExecutionResults results = run(Outer.class);

        FixtureResults.assertAllSucceeded(results, 3);
        assertThat(Outer.PORTS).hasSize(3);
        assertThat(Outer.PORTS.get("outer")).isEqualTo(Outer.PORTS.get("shared"));
        assertThat(Outer.PORTS.get("own")).isNotEqualTo(Outer.PORTS.get("outer"));
    }

    @NatsServer
    static class Outer {
        static final java.util.Map<String, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();

        @Test
        void outer(NatsServerHandle server) {
            PORTS.put("outer", server.port());
        }

        @Nested
        class Shared {
            @Test
            void shared(NatsServerHandle server) {
                PORTS.put("shared", server.port());
            }
        }

        @Nested
        @NatsServer
        class Own {
            @Test
            void own(NatsServerHandle server) {
                PORTS.put("own", server.port());
            }
        }
    }

    @Test
    @DisplayName("works as a meta-annotation")
    void metaAnnotation() {
        EngineExecutionResults results = run(MetaAnnotated.class);

        FixtureResults.assertAllSucceeded(results, 1);
    }

    @Retention(RetentionPolicy.RUNTIME)
    @NatsServer(jetStream = false, config = "max_payload: 4096")
    @interface CoreOnlyServer {}

    @CoreOnlyServer
    static class MetaAnnotated {
        @Test
        void usesSettings(NatsServerHandle server, Connection connection) {
            assertThat(server.jetStreamEnabled()).isFalse();
            assertThat(connection.getServerInfo().getMaxPayload()).isEqualTo(4096);
        }
    }

    @Test
    @DisplayName("reports a missing binary with every place tried")
    void missingBinary() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ClassScoped.class))
                .configurationParameter("natskit.server.binary", "/no/such/nats-server")
                .execute();

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("nats-server binary not found at /no/such/nats-server, which is set by the"
                                        + " configured path. Correct the path, or unset it to use nats-server from"
                                        + " the PATH."))));
    }

    @Test
    @DisplayName("rejects an invalid start timeout before starting")
    void invalidStartTimeout() {
        EngineExecutionResults results = run(InvalidTimeout.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message(
                                                "Invalid startTimeout \"soon\" in @NatsServer on "
                                                        + InvalidTimeout.class
                                                        + ". Use a positive duration of at most 1 hour, such as \"10s\", \"500ms\" or \"PT10S\"."))));
    }

    @NatsServer(startTimeout = "soon")
    static class InvalidTimeout {
        @Test
        void neverRuns() {}
    }

    @Test
    @DisplayName("reports a parameter with no server to inject")
    void parameterWithoutServer() {
        EngineExecutionResults results = run(NoServer.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message(text -> text.startsWith("No nats-server to inject into parameter connection")
                                        && text.endsWith(". Annotate the test class or method with @NatsServer.")))));
    }

    @ExtendWith(NatsServerExtension.class)
    static class NoServer {
        @Test
        void needsConnection(Connection connection) {}
    }

    @Test
    @DisplayName("rejects a static Connection field")
    void staticConnectionField() {
        EngineExecutionResults results = run(StaticConnection.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("@InjectNats static field " + StaticConnection.class.getName()
                                        + ".connection has the type Connection, but a static field can only hold a"
                                        + " NatsServerHandle. Make the field an instance field, or make it a"
                                        + " NatsServerHandle and call connect() on it."))));
    }

    @NatsServer
    static class StaticConnection {
        @InjectNats
        static Connection connection;

        @Test
        void neverRuns() {}
    }
}
