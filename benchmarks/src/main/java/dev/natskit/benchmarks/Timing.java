package dev.natskit.benchmarks;

/** Conversions of {@link System#nanoTime()} readings into the table's units. */
final class Timing {

    private Timing() {}

    static double millisSince(long startNanos) {
        return millis(System.nanoTime() - startNanos);
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
