package dev.natskit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated class or test method once for each nats-server version, each run named after the version it
 * used, such as {@code nats-server 2.10.27}.
 *
 * <p>On a class, the class also needs {@link NatsServer}; each run gets a server of the run's version. On a method,
 * the method needs {@link NatsServer} as well, and each invocation gets a server of its own. The version of a run
 * takes precedence over {@link NatsServer#version()}.
 *
 * <pre>{@code
 * @NatsServer
 * @NatsServerVersions({"2.10", "2.11"})
 * class StreamMetadataTest { ... }
 * }</pre>
 *
 * <p>Requires JUnit Jupiter 5.13 or newer for classes, which run as a JUnit class template.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ClassTemplate
@TestTemplate
@ExtendWith(NatsServerVersionsExtension.class)
public @interface NatsServerVersions {

    /**
     * The versions, each exact such as {@code "2.10.27"} or a prefix such as {@code "2.10"}. Default: empty, which
     * means the comma-separated list in the configuration parameter {@code natskit.server.versions}, or a single run
     * with the default version when that is not set either.
     */
    String[] value() default {};
}
