package dev.natskit.junit;

import dev.natskit.server.ManagedNatsServer;
import dev.natskit.server.NatsServerBinaryNotFoundException;
import dev.natskit.server.NatsServerException;
import dev.natskit.server.NatsServerHandle;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.NatsServerStartException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit Jupiter extension behind {@link NatsServer}. It keeps no state of its own: servers and connections live
 * in the extension context store, and JUnit closes them when their scope ends.
 */
public class NatsServerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(NatsServerExtension.class);
    private static final String SERVER_KEY = "server";
    private static final String CONNECTION_KEY = "connection";
    private static final String TURN_KEY = "turn";

    private static final Set<Class<?>> INJECTABLE_TYPES =
            Set.of(Connection.class, JetStream.class, JetStreamManagement.class, NatsServerHandle.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Optional<ServerResource> resource = ownServer(context);
        if (resource.isEmpty()) {
            return;
        }
        for (Field field : injectableFields(context.getRequiredTestClass(), true)) {
            if (field.getType() != NatsServerHandle.class) {
                throw new ExtensionConfigurationException("@InjectNats static field " + describe(field)
                        + " has the type " + field.getType().getSimpleName()
                        + ", but a static field can only hold a NatsServerHandle. Make the field an instance field,"
                        + " or make it a NatsServerHandle and call connect() on it.");
            }
            setField(field, null, resource.get().server());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Optional<ServerResource> found = findServer(context);
        if (found.isPresent()
                && found.get().resetsBetweenTests()
                && store(context).get(key(TURN_KEY, context)) == null) {
            found.get().awaitTurn();
            store(context).put(key(TURN_KEY, context), new Turn(found.get()));
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : injectableFields(instance.getClass(), false)) {
                setField(field, instance, resolve(field.getType(), context, "@InjectNats field " + describe(field)));
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Turn turn = store(context).remove(key(TURN_KEY, context), Turn.class);
        try {
            Optional<ServerResource> found = findServer(context);
            if (found.isEmpty() || !found.get().classScoped()) {
                return;
            }
            closeConnection(context);
            ManagedNatsServer server = found.get().server();
            if (!server.isRunning()) {
                // The test stopped or killed the shared server: the next test finds it running again.
                server.start();
            }
            if (turn != null) {
                server.deleteJetStreamData();
            }
        } finally {
            if (turn != null) {
                turn.resource().endTurn();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE_TYPES.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        String target = "parameter " + parameterContext.getParameter().getName() + " of "
                + parameterContext.getDeclaringExecutable();
        if (findServer(extensionContext).isEmpty()) {
            throw new ParameterResolutionException("No nats-server to inject into " + target
                    + ". Annotate the test class or method with @NatsServer.");
        }
        try {
            return resolve(type, extensionContext, target);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Failed to resolve " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        // Connections injected into a constructor then belong to the test method and are closed after it.
        return ExtensionContextScope.TEST_METHOD;
    }

    private Object resolve(Class<?> type, ExtensionContext context, String target) {
        ServerResource resource = requireServer(context, target);
        if (type == NatsServerHandle.class) {
            return resource.server();
        }
        Connection connection = connection(context, resource);
        if (type == Connection.class) {
            return connection;
        }
        if (!resource.server().jetStreamEnabled()) {
            throw new ExtensionConfigurationException(type.getSimpleName() + " cannot be injected into " + target
                    + " because JetStream is off on this server. Remove jetStream = false from @NatsServer.");
        }
        try {
            if (type == JetStream.class) {
                return connection.jetStream();
            }
            if (type == JetStreamManagement.class) {
                return connection.jetStreamManagement();
            }
        } catch (IOException e) {
            throw new ExtensionConfigurationException(
                    "Failed to create " + type.getSimpleName() + " for " + target + ": " + e.getMessage()
                            + ". Is JetStream on? Check jetStream in @NatsServer.",
                    e);
        }
        throw new ExtensionConfigurationException("Cannot inject " + type.getName() + " into " + target);
    }

    /** Returns this context's connection, opened on first use and closed by JUnit when the context ends. */
    private Connection connection(ExtensionContext context, ServerResource resource) {
        ConnectionResource connection = store(context)
                .getOrComputeIfAbsent(
                        key(CONNECTION_KEY, context),
                        key -> new ConnectionResource(resource.server().connect(connectionOptions(context))),
                        ConnectionResource.class);
        return connection.connection();
    }

    private static Options.Builder connectionOptions(ExtensionContext context) {
        // Reconnect quickly and without limit, so that a test that restarts the server keeps its connection. Pings
        // every second find a connection that Docker's port proxy left open to a stopped container.
        return new Options.Builder()
                .connectionName(connectionName(context))
                .reconnectWait(Duration.ofMillis(100))
                .pingInterval(Duration.ofSeconds(1))
                .maxReconnects(-1);
    }

    /**
     * Names the connection after the test, as the server's monitoring pages show it. jnats 2.26 writes the name
     * into its CONNECT message without escaping it, so characters that JSON would need to escape are replaced.
     */
    static String connectionName(ExtensionContext context) {
        return context.getDisplayName().replaceAll("[\\p{Cntrl}\"\\\\]", "_");
    }

    private void closeConnection(ExtensionContext context) throws Exception {
        ConnectionResource connection = store(context).remove(key(CONNECTION_KEY, context), ConnectionResource.class);
        if (connection != null) {
            connection.close();
        }
    }

    private ServerResource requireServer(ExtensionContext context, String target) {
        return findServer(context)
                .orElseThrow(() -> new ExtensionConfigurationException("No nats-server to inject into " + target
                        + ". Annotate the test class or method with @NatsServer."));
    }

    /** Finds the server of the nearest annotated method or class, starting it if it has not started yet. */
    private Optional<ServerResource> findServer(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context);
                current.isPresent();
                current = current.get().getParent()) {
            Optional<ServerResource> own = ownServer(current.get());
            if (own.isPresent()) {
                return own;
            }
        }
        return Optional.empty();
    }

    /** Returns the version of the server this context's tests run against, when it has started already. */
    static Optional<String> startedServerVersion(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context);
                current.isPresent();
                current = current.get().getParent()) {
            ServerResource resource = store(current.get()).get(key(SERVER_KEY, current.get()), ServerResource.class);
            if (resource != null && resource.server().isRunning()) {
                return Optional.of(resource.server().version());
            }
        }
        return Optional.empty();
    }

    /** Returns the {@link NatsServer} of the nearest annotated method or class, without starting anything. */
    static Optional<NatsServer> nearestAnnotation(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context);
                current.isPresent();
                current = current.get().getParent()) {
            Optional<NatsServer> annotation = current.get()
                    .getElement()
                    .filter(element -> element instanceof Method || element instanceof Class)
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, NatsServer.class));
            if (annotation.isPresent()) {
                return annotation;
            }
        }
        return Optional.empty();
    }

    /** Returns the server of this context's own method or class when it carries {@link NatsServer}. */
    private Optional<ServerResource> ownServer(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        if (element.isEmpty() || !(element.get() instanceof Method || element.get() instanceof Class)) {
            return Optional.empty();
        }
        Optional<NatsServer> annotation = AnnotationSupport.findAnnotation(element.get(), NatsServer.class);
        if (annotation.isEmpty()) {
            return Optional.empty();
        }
        boolean classScoped = element.get() instanceof Class;
        ServerResource resource = store(context)
                .getOrComputeIfAbsent(
                        key(SERVER_KEY, context),
                        key -> startServer(annotation.get(), element.get(), classScoped, context),
                        ServerResource.class);
        return Optional.of(resource);
    }

    private static ServerResource startServer(
            NatsServer annotation, AnnotatedElement element, boolean classScoped, ExtensionContext context) {
        NatsServerOptions options = ServerSettings.options(annotation, element, context);
        try {
            return new ServerResource(ManagedNatsServer.start(options), classScoped, annotation.resetJetStream());
        } catch (NatsServerBinaryNotFoundException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        } catch (NatsServerStartException e) {
            throw e;
        } catch (NatsServerException e) {
            // The chosen backend is unavailable. The configuration decides that, so the message says how to fix it.
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    /**
     * Returns a key that belongs to this context alone. A store lookup also searches the parent contexts' stores,
     * so a plain key would let a nested class or a test pick up its parent's server or connection.
     */
    private static String key(String name, ExtensionContext context) {
        return name + "@" + context.getUniqueId();
    }

    private static List<Field> injectableFields(Class<?> type, boolean statics) {
        return AnnotationSupport.findAnnotatedFields(
                        type,
                        InjectNats.class,
                        field -> Modifier.isStatic(field.getModifiers()) == statics,
                        HierarchyTraversalMode.TOP_DOWN)
                .stream()
                .peek(NatsServerExtension::checkField)
                .toList();
    }

    private static void checkField(Field field) {
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException(
                    "@InjectNats field " + describe(field) + " is final. Remove the final modifier.");
        }
        if (!INJECTABLE_TYPES.contains(field.getType())) {
            throw new ExtensionConfigurationException("@InjectNats field " + describe(field) + " has the type "
                    + field.getType().getName()
                    + ", which cannot be injected. Use Connection, JetStream, JetStreamManagement or"
                    + " NatsServerHandle.");
        }
    }

    private static void setField(Field field, Object instance, Object value) {
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException(
                    "Failed to inject into @InjectNats field " + describe(field) + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Field field) {
        return field.getDeclaringClass().getName() + "." + field.getName();
    }

    /** A test's turn on a shared server; deliberately not closeable, so JUnit never closes the server with it. */
    private record Turn(ServerResource resource) {}

    /** A connection in the store, closed by JUnit when its context ends. */
    private record ConnectionResource(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            connection.close();
        }
    }
}
