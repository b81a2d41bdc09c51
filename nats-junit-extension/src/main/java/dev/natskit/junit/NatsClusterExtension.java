package dev.natskit.junit;

import dev.natskit.server.LocalNatsCluster;
import dev.natskit.server.NatsClusterHandle;
import dev.natskit.server.NatsServerBinaries;
import dev.natskit.server.NatsServerBinaryNotFoundException;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.VersionRequest;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link NatsCluster}. It keeps no state of its own: clusters and connections
 * live in the extension context store, and JUnit closes them when their scope ends.
 */
public class NatsClusterExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(NatsClusterExtension.class);
    private static final Set<Class<?>> INJECTABLE_TYPES =
            Set.of(Connection.class, JetStream.class, JetStreamManagement.class, NatsClusterHandle.class);

    /** Starts a class's cluster before its tests, so that a start failure or an invalid setting fails the class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        ownCluster(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE_TYPES.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
        Class<?> type = parameterContext.getParameter().getType();
        String target = "parameter " + parameterContext.getParameter().getName() + " of "
                + parameterContext.getDeclaringExecutable();
        LocalNatsCluster cluster = findCluster(context)
                .orElseThrow(() -> new ParameterResolutionException("No nats-server cluster to inject into " + target
                        + ". Annotate the test class or method with @NatsCluster."));
        if (type == NatsClusterHandle.class) {
            return cluster;
        }
        Connection connection = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "connection@" + context.getUniqueId(),
                        key -> new ConnectionResource(cluster.connect(connectionOptions(context))),
                        ConnectionResource.class)
                .connection();
        try {
            if (type == JetStream.class) {
                return connection.jetStream();
            }
            if (type == JetStreamManagement.class) {
                return connection.jetStreamManagement();
            }
            return connection;
        } catch (IOException e) {
            throw new ParameterResolutionException(
                    "Failed to create " + type.getSimpleName() + " for " + target + ": " + e.getMessage(), e);
        }
    }

    private static Options.Builder connectionOptions(ExtensionContext context) {
        // Reconnect quickly and without limit, so that a test that kills a node keeps its connection, and ping
        // every second, so that the connection leaves a paused node within about 3 seconds.
        return new Options.Builder()
                .connectionName(NatsServerExtension.connectionName(context))
                .pingInterval(Duration.ofSeconds(1))
                .maxPingsOut(2)
                .reconnectWait(Duration.ofMillis(100))
                .maxReconnects(-1);
    }

    /** Finds the cluster of the nearest annotated method or class, starting it if it has not started yet. */
    private static Optional<LocalNatsCluster> findCluster(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context);
                current.isPresent();
                current = current.get().getParent()) {
            Optional<LocalNatsCluster> own = ownCluster(current.get());
            if (own.isPresent()) {
                return own;
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalNatsCluster> ownCluster(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        if (element.isEmpty() || !(element.get() instanceof Method || element.get() instanceof Class)) {
            return Optional.empty();
        }
        Optional<NatsCluster> annotation = AnnotationSupport.findAnnotation(element.get(), NatsCluster.class);
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        ClusterResource resource = context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        "cluster@" + context.getUniqueId(),
                        key -> startCluster(annotation.get(), element.get(), context),
                        ClusterResource.class);
        return Optional.of(resource.cluster());
    }

    private static ClusterResource startCluster(
            NatsCluster annotation, AnnotatedElement element, ExtensionContext context) {
        if (annotation.nodes() < 2) {
            throw new ExtensionConfigurationException("Invalid nodes = " + annotation.nodes() + " in @NatsCluster on "
                    + element + ". Use 2 or more, such as the default 3; for a single server, use @NatsServer.");
        }
        Duration readyTimeout = duration(annotation.readyTimeout(), "readyTimeout", element);
        try {
            return new ClusterResource(
                    LocalNatsCluster.start(annotation.nodes(), options(annotation, element, context), readyTimeout));
        } catch (NatsServerBinaryNotFoundException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static NatsServerOptions options(
            NatsCluster annotation, AnnotatedElement element, ExtensionContext context) {
        NatsServerOptions.Builder builder = NatsServerOptions.builder()
                .configLines(Arrays.asList(annotation.config()))
                .logOutput(annotation.logOutput()
                        || context.getConfigurationParameter(ServerSettings.LOG_OUTPUT_PARAMETER)
                                .map(Boolean::parseBoolean)
                                .orElse(false));
        String startTimeout = annotation.startTimeout().isBlank()
                ? context.getConfigurationParameter(ServerSettings.START_TIMEOUT_PARAMETER)
                        .orElse("")
                : annotation.startTimeout();
        if (!startTimeout.isBlank()) {
            builder.startTimeout(duration(startTimeout, "startTimeout", element));
        }
        context.getConfigurationParameter(NatsServerBinaries.BINARY_PROPERTY)
                .filter(value -> !value.isBlank())
                .ifPresent(value -> builder.binary(Paths.get(value)));
        String version = annotation.version().isBlank()
                ? context.getConfigurationParameter(ServerSettings.VERSION_PARAMETER)
                        .orElse("")
                : annotation.version();
        if (!version.isBlank()) {
            try {
                VersionRequest.parse(version);
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("Invalid version \"" + version + "\" for @NatsCluster on "
                        + element + ". Use an exact version such as \"2.10.27\" or a prefix such as \"2.10\".");
            }
            builder.version(version);
        }
        return builder.build();
    }

    private static Duration duration(String text, String attribute, AnnotatedElement element) {
        return ServerSettings.parseDuration(text)
                .orElseThrow(() -> new ExtensionConfigurationException("Invalid " + attribute + " \"" + text
                        + "\" for @NatsCluster on " + element
                        + ". Use a positive duration of at most 1 hour, such as \"30s\", \"500ms\" or \"PT30S\"."));
    }

    /** A started cluster in the store, closed by JUnit when the scope that started it ends. */
    private record ClusterResource(LocalNatsCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.close();
        }
    }

    /** A connection in the store, closed by JUnit when its context ends. */
    private record ConnectionResource(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }
}
