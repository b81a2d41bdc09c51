package dev.natskit.server;

/**
 * Thrown when a nats-server fails to start: it exited, timed out or could not be launched. The message contains
 * the command line, the exit code where there is one, the server's log and its effective configuration.
 */
public class NatsServerStartException extends NatsServerException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the full diagnostic message. */
    public NatsServerStartException(String message) {
        super(message);
    }

    /** Creates the exception with the full diagnostic message and the error that caused it. */
    public NatsServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
