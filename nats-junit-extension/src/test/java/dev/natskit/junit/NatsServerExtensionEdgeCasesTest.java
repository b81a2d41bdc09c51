package dev.natskit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Cases where {@code @NatsServer} breaks its documented contract. Each test states the documented behavior, so it
 * fails until the defect is fixed.
 */
@DisplayName("@NatsServer edge cases")
class NatsServerExtensionEdgeCasesTest {

    @Test
    @DisplayName("stopped class server is restarted with reset off")
    void restoresStoppedServerWithResetOff() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(StopsWithResetOff.class))
                .execute();

        // afterEach restarts a stopped server only when resetJetStream and JetStream are both on.
        FixtureResults.assertAllSucceeded(results, 2);
    }

    @NatsServer(resetJetStream = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StopsWithResetOff {
        @Test
        @Order(1)
        void stops(NatsServerHandle server) {
            server.stop();
        }

        @Test
        @Order(2)
        void findsItRunning(Connection connection) {
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    @Test
    @DisplayName("overflowing start-timeout parameter is a configuration error")
    void overflowingStartTimeoutParameter() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Plain.class))
                .configurationParameter(ServerSettings.START_TIMEOUT_PARAMETER, "99999999999999999999s")
                .execute();

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("Invalid configuration parameter natskit.server.start-timeout="
                                        + "\"99999999999999999999s\". Use a positive duration of at most 1 hour,"
                                        + " such as \"10s\", \"500ms\" or \"PT10S\"."))));
    }

    @Test
    @DisplayName("JetStreamManagement on a server without JetStream is rejected")
    void jetStreamManagementWithoutJetStream() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NoJetStream.class))
                .execute();

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message(text -> text.endsWith("because JetStream is off on this server. Remove"
                                        + " jetStream = false from @NatsServer.")))));
    }

    @NatsServer
    static class Plain {
        @Test
        void connects(Connection connection) {}
    }

    @NatsServer(jetStream = false)
    static class NoJetStream {
        @Test
        void listsStreams(JetStreamManagement management) throws Exception {
            management.getStreamNames();
        }
    }
}
