package dev.natskit.junit;

import dev.natskit.server.DownloadSettings;
import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.ServerBackend;
import dev.natskit.server.VersionRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Turns a {@link NatsServer} annotation and the configuration parameters into server options. */
final class ServerSettings {

    static final String START_TIMEOUT_PARAMETER = "natskit.server.start-timeout";
    static final String LOG_OUTPUT_PARAMETER = "natskit.server.log-output";
    static final String VERSION_PARAMETER = "natskit.server.version";
    static final String BACKEND_PARAMETER = "natskit.server.backend";
    static final String IMAGE_PARAMETER = "natskit.server.image";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerSettings.class);
    private static final String VERSION_OVERRIDE_KEY = "version-override";

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private ServerSettings() {}

    /** Builds the options; raises {@link ExtensionConfigurationException} for an invalid value before any start. */
    static NatsServerOptions options(NatsServer annotation, Object annotatedElement, ExtensionContext context) {
        NatsServerOptions.Builder builder = NatsServerOptions.builder()
                .jetStream(annotation.jetStream())
                .configLines(Arrays.asList(annotation.config()))
                .startTimeout(startTimeout(annotation, annotatedElement, context))
                .logOutput(annotation.logOutput()
                        || context.getConfigurationParameter(LOG_OUTPUT_PARAMETER)
                                .map(Boolean::parseBoolean)
                                .orElse(false));
        context.getConfigurationParameter(NatsServerBinaries.BINARY_PROPERTY)
                .filter(value -> !value.isBlank())
                .ifPresent(value -> builder.binary(Paths.get(value)));
        version(annotation, annotatedElement, context).ifPresent(builder::version);
        builder.backend(backend(annotation, context));
        builder.image(
                annotation.image().isBlank()
                        ? context.getConfigurationParameter(IMAGE_PARAMETER).orElse(null)
                        : annotation.image());
        builder.downloads(downloads(context));
        return builder.build();
    }

    /** Makes every server started below {@code context} use {@code version}; used by {@link NatsServerVersions}. */
    static void overrideVersion(ExtensionContext context, VersionRequest version) {
        context.getStore(NAMESPACE).put(VERSION_OVERRIDE_KEY, version);
    }

    /** Returns an annotation with every attribute at its default, for callers that have none at hand. */
    static NatsServer defaultAnnotation() {
        return DefaultSettings.class.getAnnotation(NatsServer.class);
    }

    @NatsServer
    private static final class DefaultSettings {}

    private static ServerBackend backend(NatsServer annotation, ExtensionContext context) {
        if (annotation.backend() != ServerBackend.AUTO) {
            return annotation.backend();
        }
        Optional<String> parameter = context.getConfigurationParameter(BACKEND_PARAMETER)
                .map(String::strip)
                .filter(value -> !value.isEmpty());
        if (parameter.isEmpty()) {
            return ServerBackend.AUTO;
        }
        try {
            return ServerBackend.valueOf(parameter.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Invalid configuration parameter " + BACKEND_PARAMETER + "=\""
                    + parameter.get() + "\". Use binary, container or auto.");
        }
    }

    private static Optional<String> version(NatsServer annotation, Object annotatedElement, ExtensionContext context) {
        // The store lookup also searches the parent contexts, where a version run put its version.
        VersionRequest override = context.getStore(NAMESPACE).get(VERSION_OVERRIDE_KEY, VersionRequest.class);
        if (override != null) {
            return override.isAny() ? Optional.empty() : Optional.of(override.toString());
        }
        String version = annotation.version();
        String origin = "version \"" + version + "\" in @NatsServer on " + annotatedElement;
        if (version.isBlank()) {
            version = context.getConfigurationParameter(VERSION_PARAMETER).orElse("");
            origin = "configuration parameter " + VERSION_PARAMETER + "=\"" + version + "\"";
        }
        if (version.isBlank()) {
            return Optional.empty();
        }
        try {
            VersionRequest.parse(version);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(
                    "Invalid " + origin + ". Use an exact version such as \"2.10.27\" or a prefix such as \"2.10\".");
        }
        return Optional.of(version);
    }

    private static DownloadSettings downloads(ExtensionContext context) {
        DownloadSettings defaults = DownloadSettings.fromEnvironment(System.getenv());
        boolean offline = context.getConfigurationParameter(NatsServerBinaries.OFFLINE_PROPERTY)
                .map(Boolean::parseBoolean)
                .orElse(!defaults.enabled());
        URI baseUrl = context.getConfigurationParameter(NatsServerBinaries.DOWNLOAD_URL_PROPERTY)
                .filter(value -> !value.isBlank())
                .map(value -> parseUrl(value))
                .orElse(defaults.baseUrl());
        return new DownloadSettings(!offline, baseUrl);
    }

    private static URI parseUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(value, "not an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ExtensionConfigurationException("Invalid configuration parameter "
                    + NatsServerBinaries.DOWNLOAD_URL_PROPERTY + "=\"" + value + "\": " + e.getReason()
                    + ". Use the http or https URL of a folder that holds v<version>/ release folders.");
        }
    }

    private static Duration startTimeout(NatsServer annotation, Object annotatedElement, ExtensionContext context) {
        if (!annotation.startTimeout().isBlank()) {
            return parseDuration(annotation.startTimeout())
                    .orElseThrow(() -> new ExtensionConfigurationException("Invalid startTimeout \""
                            + annotation.startTimeout() + "\" in @NatsServer on " + annotatedElement
                            + ". Use a positive duration of at most 1 hour, such as \"10s\", \"500ms\" or \"PT10S\"."));
        }
        Optional<String> parameter = context.getConfigurationParameter(START_TIMEOUT_PARAMETER);
        if (parameter.isPresent() && !parameter.get().isBlank()) {
            return parseDuration(parameter.get())
                    .orElseThrow(
                            () -> new ExtensionConfigurationException(
                                    "Invalid configuration parameter "
                                            + START_TIMEOUT_PARAMETER + "=\"" + parameter.get()
                                            + "\". Use a positive duration of at most 1 hour, such as \"10s\", \"500ms\" or \"PT10S\"."));
        }
        return NatsServerOptions.DEFAULT_START_TIMEOUT;
    }

    /**
     * Parses "10s", "500ms", "2m" or an ISO-8601 duration; empty when the text is none of these, not positive or
     * longer than {@link NatsServerOptions#MAX_TIMEOUT}.
     */
    static Optional<Duration> parseDuration(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher simple = SIMPLE_DURATION.matcher(trimmed);
        if (simple.matches()) {
            if (simple.group(1).length() > 9) {
                return Optional.empty();
            }
            long amount = Long.parseLong(simple.group(1));
            duration = switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        boolean valid =
                !duration.isZero() && !duration.isNegative() && duration.compareTo(NatsServerOptions.MAX_TIMEOUT) <= 0;
        return valid ? Optional.of(duration) : Optional.empty();
    }
}
