package dev.natskit.junit;

import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerException;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.VersionRequest;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Provides one class or test run per version for {@link NatsServerVersions}. */
class NatsServerVersionsExtension
        implements ClassTemplateInvocationContextProvider, TestTemplateInvocationContextProvider {

    static final String VERSIONS_PARAMETER = "natskit.server.versions";

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getRequiredTestClass(), NatsServerVersions.class);
    }

    @Override
    public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
            ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        requireServer(testClass, testClass);
        return runs(testClass, context).stream().map(ClassRun::new);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(method -> AnnotationSupport.isAnnotated(method, NatsServerVersions.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        requireServer(context.getRequiredTestMethod(), context.getRequiredTestMethod());
        return runs(context.getRequiredTestMethod(), context).stream().map(TestRun::new);
    }

    private static void requireServer(AnnotatedElement element, Object described) {
        if (!AnnotationSupport.isAnnotated(element, NatsServer.class)) {
            throw new ExtensionConfigurationException("@NatsServerVersions on " + described
                    + " needs @NatsServer on the same " + (element instanceof Class ? "class" : "method")
                    + ", which starts the server of each version.");
        }
    }

    private static List<VersionRun> runs(AnnotatedElement element, ExtensionContext context) {
        NatsServerVersions annotation = AnnotationSupport.findAnnotation(element, NatsServerVersions.class)
                .orElseThrow();
        List<String> versions = Arrays.asList(annotation.value());
        String origin = "@NatsServerVersions on " + element;
        if (versions.isEmpty()) {
            versions = context.getConfigurationParameter(VERSIONS_PARAMETER)
                    .map(value -> Arrays.stream(value.split(","))
                            .map(String::strip)
                            .filter(version -> !version.isEmpty())
                            .toList())
                    .orElse(List.of());
            origin = "configuration parameter " + VERSIONS_PARAMETER;
        }
        if (versions.isEmpty()) {
            return List.of(new VersionRun(VersionRequest.any(), "nats-server (default version)"));
        }
        String source = origin;
        return versions.stream()
                .map(version -> new VersionRun(parse(version, source), displayName(parse(version, source), context)))
                .toList();
    }

    private static VersionRequest parse(String version, String origin) {
        try {
            return VersionRequest.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Invalid version \"" + version + "\" in " + origin
                    + ". Use exact versions such as \"2.10.27\" or prefixes such as \"2.10\".");
        }
    }

    /** Names the run after the exact version it will use, when the binary can be found without a download. */
    private static String displayName(VersionRequest request, ExtensionContext context) {
        try {
            NatsServerOptions options = ServerSettings.options(ServerSettings.defaultAnnotation(), "", context);
            String exact = NatsServerBinaries.versionOf(NatsServerBinaries.resolve(
                            options.binary().orElse(null),
                            request,
                            new dev.natskit.server.DownloadSettings(
                                    false, options.downloads().baseUrl()))
                    .path());
            return "nats-server " + exact;
        } catch (NatsServerException | ExtensionConfigurationException e) {
            return "nats-server " + request;
        }
    }

    /** The version of one run and the name the report shows for it. */
    private record VersionRun(VersionRequest version, String name) {}

    /** One run of a class; it puts its version where {@link ServerSettings} looks first. */
    private record ClassRun(VersionRun run) implements ClassTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return run.name();
        }

        @Override
        public void prepareInvocation(ExtensionContext context) {
            ServerSettings.overrideVersion(context, run.version());
        }
    }

    /** One run of a test method; it puts its version where {@link ServerSettings} looks first. */
    private record TestRun(VersionRun run) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return run.name();
        }

        @Override
        public void prepareInvocation(ExtensionContext context) {
            ServerSettings.overrideVersion(context, run.version());
        }
    }
}
