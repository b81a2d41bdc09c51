package dev.natskit.server;

/** Base class of the errors raised while resolving, starting or controlling a nats-server. */
public class NatsServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public NatsServerException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the error that caused it. */
    public NatsServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
