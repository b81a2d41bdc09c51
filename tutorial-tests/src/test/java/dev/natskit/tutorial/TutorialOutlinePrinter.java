package dev.natskit.tutorial;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the specs as the tutorial's outline once they have run: chapters and sections by their display names, in
 * reading order, each spec marked as passed, failed or skipped. Specs run in parallel, so the outline is printed
 * at the end rather than as results arrive.
 */
public class TutorialOutlinePrinter implements TestExecutionListener {

    private static final String ROOT_PACKAGE = "dev.natskit.tutorial";

    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final PrintStream out = System.out;

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        outcomes.put(identifier.getUniqueId(), "skipped: " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        String outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> "passed";
            case ABORTED -> "aborted";
            case FAILED -> "FAILED";
        };
        outcomes.put(identifier.getUniqueId(), outcome);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        StringBuilder outline = new StringBuilder();
        for (TestIdentifier engine : plan.getRoots()) {
            for (TestIdentifier child : plan.getChildren(engine)) {
                if (isSpec(child)) {
                    append(plan, child, 0, outline);
                }
            }
        }
        if (!outline.isEmpty()) {
            out.println();
            out.println("The NATS tutorial, as executed:");
            out.print(outline);
            out.println();
            out.flush();
        }
    }

    private void append(TestPlan plan, TestIdentifier identifier, int depth, StringBuilder outline) {
        String indent = "  ".repeat(depth + 1);
        if (identifier.isTest()) {
            String outcome = outcomes.getOrDefault(identifier.getUniqueId(), "not run");
            String mark = outcome.equals("passed") ? "+" : outcome.equals("FAILED") ? "x" : "-";
            outline.append(indent).append(mark).append(' ').append(identifier.getDisplayName());
            if (!outcome.equals("passed")) {
                outline.append("  (").append(outcome).append(')');
            }
            outline.append('\n');
            return;
        }
        outline.append(indent).append(identifier.getDisplayName()).append('\n');
        plan.getChildren(identifier).forEach(child -> append(plan, child, depth + 1, outline));
    }

    private static boolean isSpec(TestIdentifier identifier) {
        return identifier.getLegacyReportingName().startsWith(ROOT_PACKAGE + ".")
                && !identifier.getLegacyReportingName().startsWith(ROOT_PACKAGE + ".DocSnippets");
    }
}
