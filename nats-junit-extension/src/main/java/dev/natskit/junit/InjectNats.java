package dev.natskit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that {@link NatsServer} fills before each test.
 *
 * <p>Instance fields may have the type {@code io.nats.client.Connection}, {@code JetStream},
 * {@code JetStreamManagement} or {@link dev.natskit.server.NatsServerHandle}; each test gets a new connection,
 * closed after the test. A static field may only have the type {@code NatsServerHandle}, and is filled before
 * {@code @BeforeAll} methods run when the class carries {@link NatsServer}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InjectNats {}
