package dev.natskit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerHandle;
import dev.natskit.server.ServerVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

@DisplayName("@NatsServerVersions and @EnabledOnNatsServer")
class NatsServerVersionsTest {

    /** Returns the two newest cached versions of different minor releases, or skips the test. */
    private static List<ServerVersion> twoCachedMinorVersions() {
        List<ServerVersion> cached = NatsServerBinaries.cachedVersions();
        List<ServerVersion> distinct = cached.stream()
                .filter(version -> version.numbers().size() >= 2)
                .collect(java.util.stream.Collectors.toMap(
                        version -> version.numbers().subList(0, 2),
                        version -> version,
                        (newer, older) -> newer,
                        java.util.LinkedHashMap::new))
                .values()
                .stream()
                .limit(2)
                .toList();
        Assumptions.assumeTrue(
                distinct.size() == 2,
                "needs two minor versions in natskit's cache, found " + cached
                        + "; run scripts/provision-nats-server --suite trixie --suite sid");
        return distinct;
    }

    private static String minor(ServerVersion version) {
        return version.numbers().get(0) + "." + version.numbers().get(1);
    }

    @Test
    @DisplayName("runs a class once per configured version")
    void classPerVersion() {
        List<ServerVersion> versions = twoCachedMinorVersions();
        String configured = minor(versions.get(0)) + ", " + minor(versions.get(1));

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PerVersionClass.class))
                .configurationParameter("natskit.server.versions", configured)
                .execute();

        FixtureResults.assertAllSucceeded(results, 2);
        for (ServerVersion version : versions) {
            results.containerEvents()
                    .assertThatEvents()
                    .haveExactly(1, event(container(displayName("nats-server " + version)), finishedSuccessfully()));
        }
        assertThat(PerVersionClass.SEEN.keySet())
                .containsExactlyInAnyOrder(
                        versions.get(0).text(), versions.get(1).text());
    }

    @NatsServer
    @NatsServerVersions
    static class PerVersionClass {
        static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();

        @Test
        void recordsVersion(NatsServerHandle server) {
            SEEN.put(server.version(), server.port());
        }
    }

    @Test
    @DisplayName("runs a method once per version")
    void methodPerVersion() {
        List<ServerVersion> versions = twoCachedMinorVersions();
        String configured = versions.get(0).text() + "," + versions.get(1).text();

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PerVersionMethod.class))
                .configurationParameter("natskit.server.versions", configured)
                .execute();

        FixtureResults.assertAllSucceeded(results, 2);
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test(displayName("nats-server " + versions.get(0))), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("nats-server " + versions.get(1))), finishedSuccessfully()));
    }

    static class PerVersionMethod {
        @NatsServer
        @NatsServerVersions
        void recordsVersion(NatsServerHandle server) {
            assertThat(server.version()).isNotEmpty();
        }
    }

    @Test
    @DisplayName("runs once with the default version when none is configured")
    void defaultVersion() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(PerVersionClass.class))
                .execute();

        FixtureResults.assertAllSucceeded(results, 1);
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(container(displayName("nats-server (default version)")), finishedSuccessfully()));
    }

    @Test
    @DisplayName("rejects an invalid version")
    void invalidVersion() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(InvalidVersion.class))
                .execute();

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("Invalid version \"newest\" in @NatsServerVersions on " + InvalidVersion.class
                                        + ". Use exact versions such as \"2.10.27\" or prefixes such as"
                                        + " \"2.10\"."))));
    }

    @NatsServer
    @NatsServerVersions("newest")
    static class InvalidVersion {
        @Test
        void neverRuns() {}
    }

    @Test
    @DisplayName("requires @NatsServer beside it")
    void requiresServer() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(WithoutServer.class))
                .execute();

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("@NatsServerVersions on " + WithoutServer.class
                                        + " needs @NatsServer on the same class, which starts the server of each"
                                        + " version."))));
    }

    @NatsServerVersions("2")
    static class WithoutServer {
        @Test
        void neverRuns() {}
    }

    @Test
    @DisplayName("skips tests outside the version range")
    void versionRange() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(VersionRange.class))
                .execute();

        results.testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1).skipped(2));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                test("tooOld"),
                                skippedWithReason(reason -> reason.matches(
                                        "nats-server \\S+ is older than 99, the oldest version this test supports"))))
                .haveExactly(
                        1,
                        event(
                                test("tooNew"),
                                skippedWithReason(reason -> reason.matches(
                                        "nats-server \\S+ is newer than 1.0, the newest version this test"
                                                + " supports"))));
    }

    @NatsServer
    static class VersionRange {
        @Test
        @EnabledOnNatsServer(min = "99")
        void tooOld() {}

        @Test
        @EnabledOnNatsServer(max = "1.0")
        void tooNew() {}

        @Test
        @EnabledOnNatsServer(min = "2", max = "99")
        void inRange() {}
    }
}
