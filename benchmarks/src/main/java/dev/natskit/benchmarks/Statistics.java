package dev.natskit.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Median and quartiles of a sample, with linear interpolation between the closest ranks. */
record Statistics(double median, double lowerQuartile, double upperQuartile, int size) {

    static Statistics of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one value");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Statistics(
                percentile(sorted, 0.50), percentile(sorted, 0.25), percentile(sorted, 0.75), sorted.length);
    }

    private static double percentile(double[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
