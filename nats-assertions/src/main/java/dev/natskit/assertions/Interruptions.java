package dev.natskit.assertions;

/** Turns an interrupted wait into an unchecked exception, keeping the thread's interrupt status. */
final class Interruptions {

    private Interruptions() {}

    static IllegalStateException interrupted(String waitingFor, InterruptedException cause) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("Interrupted while waiting for " + waitingFor, cause);
    }
}
