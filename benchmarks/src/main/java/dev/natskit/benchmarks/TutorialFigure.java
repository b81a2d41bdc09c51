package dev.natskit.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.List;
import java.util.Map;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Figure 5: wall time of the tutorial's specs, run in this JVM by the JUnit Platform launcher, with test classes in
 * parallel (as the tutorial module configures them) and one after another. A warm-up run loads the classes first,
 * so the figure leaves out the start of a JVM.
 */
final class TutorialFigure {

    static final String TITLE = "5. tutorial specs, wall time";

    private static final String TUTORIAL_PACKAGE = "dev.natskit.tutorial";

    private final BenchmarkEnvironment environment;
    // The tutorial registers a listener that prints its outline after each run; the benchmark has no use for it.
    private final Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
            .enableTestExecutionListenerAutoRegistration(false)
            .build());

    TutorialFigure(BenchmarkEnvironment environment) {
        this.environment = environment;
    }

    List<Row> run(Settings settings) throws Exception {
        return new Comparison(TITLE, "ms")
                .subject("parallel, classes concurrent", () -> runSpecs(true))
                .peer("sequential", () -> runSpecs(false))
                .run(settings.orQuick(1, 5));
    }

    private double runSpecs(boolean parallel) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(TUTORIAL_PACKAGE))
                .filters(ClassNameFilter.includeClassNamePatterns(".*Spec"))
                .configurationParameters(Map.of(
                        "natskit.server.binary",
                        environment.binary().path().toString(),
                        "junit.jupiter.execution.parallel.enabled",
                        Boolean.toString(parallel),
                        "junit.jupiter.execution.parallel.mode.default",
                        "same_thread",
                        "junit.jupiter.execution.parallel.mode.classes.default",
                        "concurrent"))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();

        long started = System.nanoTime();
        launcher.execute(request, summary);
        double millis = Timing.millisSince(started);

        TestExecutionSummary result = summary.getSummary();
        if (result.getTotalFailureCount() > 0 || result.getTestsSucceededCount() == 0) {
            StringBuilder failures = new StringBuilder();
            result.getFailures()
                    .forEach(failure -> failures.append("\n  ")
                            .append(failure.getTestIdentifier().getDisplayName())
                            .append(": ")
                            .append(failure.getException()));
            throw new IllegalStateException(
                    "the tutorial specs must pass to be timed, but " + result.getTestsFoundCount()
                            + " were found, " + result.getTestsSucceededCount() + " passed and "
                            + result.getTotalFailureCount() + " failed:" + failures);
        }
        return millis;
    }
}
