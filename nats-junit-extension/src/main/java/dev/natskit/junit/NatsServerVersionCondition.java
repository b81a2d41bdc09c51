package dev.natskit.junit;

import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.ServerVersion;
import dev.natskit.server.VersionRequest;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link EnabledOnNatsServer} against the version of the server a test runs against. */
class NatsServerVersionCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        Optional<EnabledOnNatsServer> range =
                element.flatMap(annotated -> AnnotationSupport.findAnnotation(annotated, EnabledOnNatsServer.class));
        if (range.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @EnabledOnNatsServer on " + element.orElse(null));
        }
        VersionRequest min = parse(range.get().min(), "min", element.get());
        VersionRequest max = parse(range.get().max(), "max", element.get());
        ServerVersion version = ServerVersion.parse(versionFor(context));

        if (!min.isAny() && version.compareTo(ServerVersion.parse(min.toString())) < 0) {
            return ConditionEvaluationResult.disabled(
                    "nats-server " + version + " is older than " + min + ", the oldest version this test supports");
        }
        if (!max.isAny() && !atMost(version, max)) {
            return ConditionEvaluationResult.disabled(
                    "nats-server " + version + " is newer than " + max + ", the newest version this test supports");
        }
        return ConditionEvaluationResult.enabled("nats-server " + version + " is in the supported range");
    }

    /** Returns whether the version's leading numbers, as many as {@code max} has, are at most {@code max}'s. */
    private static boolean atMost(ServerVersion version, VersionRequest max) {
        ServerVersion bound = ServerVersion.parse(max.toString());
        List<Integer> numbers = version.numbers();
        List<Integer> leading =
                numbers.subList(0, Math.min(numbers.size(), bound.numbers().size()));
        return new ServerVersion(leading, "", "").compareTo(new ServerVersion(bound.numbers(), "", "")) <= 0;
    }

    private static String versionFor(ExtensionContext context) {
        Optional<String> running = NatsServerExtension.startedServerVersion(context);
        if (running.isPresent()) {
            return running.get();
        }
        NatsServer annotation =
                NatsServerExtension.nearestAnnotation(context).orElse(ServerSettings.defaultAnnotation());
        NatsServerOptions options =
                ServerSettings.options(annotation, context.getElement().orElse(null), context);
        return NatsServerBinaries.versionOf(
                NatsServerBinaries.resolve(options.binary().orElse(null), options.version(), options.downloads())
                        .path());
    }

    private static VersionRequest parse(String text, String attribute, AnnotatedElement element) {
        try {
            return VersionRequest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Invalid " + attribute + " \"" + text
                    + "\" in @EnabledOnNatsServer on " + element
                    + ". Use a version such as \"2.10.27\" or a prefix such as \"2.11\".");
        }
    }
}
