package dev.natskit.benchmarks;

/** One measurement of one contender. Setup and cleanup that a trial needs happen inside it, outside the timing. */
@FunctionalInterface
interface Trial {

    /** Runs the trial once and returns the measured value, in the unit of its {@link Comparison}. */
    double run() throws Exception;
}
