package dev.natskit.server;

/** Thrown when no usable nats-server binary is found; the message lists every place that was tried. */
public class NatsServerBinaryNotFoundException extends NatsServerException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that lists the places tried and how to fix it. */
    public NatsServerBinaryNotFoundException(String message) {
        super(message);
    }
}
