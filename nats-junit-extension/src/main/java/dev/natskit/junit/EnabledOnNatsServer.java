package dev.natskit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test or class only on the nats-server versions in a range, and otherwise skips it with a
 * reason that names the version found and the one needed.
 *
 * <p>The version is the one of the server the test runs against: the running server's, or, before it has started,
 * the version of the binary that {@link NatsServer} will start. Both bounds are inclusive and may be prefixes:
 * {@code min = "2.11"} accepts 2.11.0 and newer, {@code max = "2.10"} accepts every 2.10.x and older.
 *
 * <pre>{@code
 * @Test
 * @EnabledOnNatsServer(min = "2.11")
 * void streamMetadataNamesTheApiLevel(JetStreamManagement management) { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(NatsServerVersionCondition.class)
public @interface EnabledOnNatsServer {

    /** The oldest version accepted, such as {@code "2.11"}. Default: empty, for no lower bound. */
    String min() default "";

    /** The newest version accepted, such as {@code "2.10"} for every 2.10.x. Default: empty, for no upper bound. */
    String max() default "";
}
