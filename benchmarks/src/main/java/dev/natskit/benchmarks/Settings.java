package dev.natskit.benchmarks;

/**
 * How many times each comparison runs: {@code warmups} repetitions whose values are dropped, then
 * {@code repetitions} that are kept.
 */
record Settings(int warmups, int repetitions, boolean quick) {

    /** Returns settings of one repetition and no warm-up, to check that every figure runs. */
    static Settings quickCheck() {
        return new Settings(0, 1, true);
    }

    /** These settings, except in quick mode, where every comparison runs once. */
    Settings orQuick(int warmups, int repetitions) {
        return quick ? this : new Settings(warmups, repetitions, false);
    }
}
