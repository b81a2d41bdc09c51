package dev.natskit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** Checks the outcome of a fixture class run through EngineTestKit, showing the fixture's own failures. */
final class FixtureResults {

    private FixtureResults() {}

    /** Asserts that {@code count} tests ran and all succeeded; a failure lists each failed test and its stack trace. */
    static void assertAllSucceeded(EngineExecutionResults results, int count) {
        List<String> failures = results.allEvents().failed().stream()
                .map(FixtureResults::describe)
                .toList();
        assertThat(failures).as("failures of the fixture").isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(count).succeeded(count));
    }

    private static String describe(Event event) {
        StringWriter trace = new StringWriter();
        event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .ifPresent(error -> error.printStackTrace(new PrintWriter(trace)));
        return event.getTestDescriptor().getDisplayName() + ": " + trace;
    }
}
