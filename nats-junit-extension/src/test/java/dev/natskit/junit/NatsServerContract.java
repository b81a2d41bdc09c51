package dev.natskit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.natskit.server.NatsServerHandle;
import dev.natskit.server.NatsServerStartException;
import dev.natskit.server.Reconnects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The behaviour of {@code @NatsServer} that every backend must show. Each subclass runs the same fixtures with the
 * configuration parameter {@code natskit.server.backend} set to its backend. The fixtures keep what they saw in
 * static fields, so the subclasses take turns through a resource lock.
 */
@ResourceLock("natskit-server-contract")
abstract class NatsServerContract {

    /** The value of {@code natskit.server.backend} under test. */
    abstract String backend();

    /** The handle class that the backend starts. */
    abstract Class<?> handleType();

    EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter(ServerSettings.BACKEND_PARAMETER, backend())
                .execute();
    }

    /** Asserts that the fixture's tests all ran and passed, and shows the failures of those that did not. */
    static void assertSucceeded(EngineExecutionResults results, int tests) {
        List<String> failures = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class)
                        .getThrowable()
                        .map(Throwable::toString)
                        .orElse(event.toString()))
                .toList();
        assertThat(failures).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    @Test
    @DisplayName("class scope shares one server between tests")
    void classScope() {
        assertSucceeded(run(ClassScoped.class), 2);

        assertThat(ClassScoped.first).isInstanceOf(handleType());
        assertThat(ClassScoped.second).isSameAs(ClassScoped.first);
        assertThat(ClassScoped.firstConnection).isNotSameAs(ClassScoped.secondConnection);
        assertThat(ClassScoped.first.isRunning()).isFalse();
        assertThat(ClassScoped.first.directory()).doesNotExist();
    }

    @NatsServer
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassScoped {
        static NatsServerHandle first;
        static NatsServerHandle second;
        static Connection firstConnection;
        static Connection secondConnection;

        @Test
        @Order(1)
        void first(NatsServerHandle server, Connection connection) {
            first = server;
            firstConnection = connection;
        }

        @Test
        @Order(2)
        void second(NatsServerHandle server, Connection connection) {
            second = server;
            secondConnection = connection;
        }
    }

    @Test
    @DisplayName("method scope gives each test its own server")
    void methodScope() {
        assertSucceeded(run(MethodScoped.class), 2);

        assertThat(MethodScoped.first).isNotSameAs(MethodScoped.second);
        assertThat(MethodScoped.first.isRunning()).isFalse();
        assertThat(MethodScoped.second.isRunning()).isFalse();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MethodScoped {
        static NatsServerHandle first;
        static NatsServerHandle second;

        @Test
        @Order(1)
        @NatsServer
        void first(NatsServerHandle server) {
            first = server;
        }

        @Test
        @Order(2)
        @NatsServer(jetStream = false)
        void second(NatsServerHandle server) {
            assertThat(server.jetStreamEnabled()).isFalse();
            second = server;
        }
    }

    @Test
    @DisplayName("injects connections, JetStream and the handle")
    void injection() {
        assertSucceeded(run(Injection.class), 1);
    }

    @NatsServer
    static class Injection {
        @InjectNats
        Connection connectionField;

        @InjectNats
        NatsServerHandle serverField;

        @Test
        void everything(
                Connection connection, JetStream jetStream, JetStreamManagement management, NatsServerHandle server)
                throws Exception {
            assertThat(serverField).isSameAs(server);
            assertThat(connectionField).isSameAs(connection);
            assertThat(connection.getConnectedUrl()).isEqualTo(server.url());
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            jetStream.publish("orders.one", "1".getBytes(StandardCharsets.UTF_8));
            assertThat(management.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("deletes streams after each test of a class server")
    void resetsBetweenTests() {
        assertSucceeded(run(ResetOn.class), 2);
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
    @DisplayName("restart keeps the data, and the injected connection follows the server")
    void restart() {
        assertSucceeded(run(Restart.class), 1);
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

            server.restart();

            Reconnects.await(connection);
            assertThat(connection.getConnectedUrl()).isEqualTo(server.url());
            assertThat(management.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                    .isEqualTo(1);
            assertThat(server.logLines())
                    .filteredOn(line -> line.contains("Server is ready"))
                    .hasSize(2);
        }
    }

    @Test
    @DisplayName("starts a stopped class server again for the next test")
    void restoresStoppedServer() {
        assertSucceeded(run(StoppedByTest.class), 2);
    }

    @NatsServer
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StoppedByTest {
        @Test
        @Order(1)
        void stops(NatsServerHandle server) {
            server.stop();
            assertThat(server.isRunning()).isFalse();
        }

        @Test
        @Order(2)
        void findsItRunning(NatsServerHandle server, Connection connection) {
            assertThat(server.isRunning()).isTrue();
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    @DisplayName("a JetStream block among the config lines keeps the private store")
    void composesConfigLines() {
        assertSucceeded(run(JetStreamBlock.class), 1);
    }

    @NatsServer(config = {"jetstream { max_memory_store: 64MB }", "max_payload: 4096"})
    static class JetStreamBlock {
        @Test
        void usesBoth(NatsServerHandle server, Connection connection, JetStreamManagement management) throws Exception {
            assertThat(connection.getServerInfo().getMaxPayload()).isEqualTo(4096);
            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            HttpResponse<String> varz = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.monitoringUrl() + "/varz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            // nats-server's default store, shared by every server on the machine, is <temp>/nats/jetstream.
            assertThat(varz.body()).contains("\"store_dir\"").doesNotContain("/nats/jetstream");
        }
    }

    @Test
    @DisplayName("captures the server's log in the handle")
    void capturesLog() {
        assertSucceeded(run(Logs.class), 1);
    }

    @NatsServer
    static class Logs {
        @Test
        void printsReady(NatsServerHandle server) {
            assertThat(server.log()).contains("Starting nats-server", "Server is ready");
            assertThat(server.logLines()).doesNotHaveDuplicates();
        }
    }

    @Test
    @DisplayName("a server that fails to start reports its log and configuration")
    void reportsStartFailure() {
        run(InvalidConfig.class)
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(NatsServerStartException.class),
                                message(text -> text.contains("exited with code 1 during startup")
                                        && text.contains("Parse error")
                                        && text.contains("Effective configuration")
                                        && text.contains("  no_such_option {")))));
    }

    @NatsServer(config = "no_such_option {")
    static class InvalidConfig {
        @Test
        void neverRuns() {}
    }
}
