package dev.natskit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A subject (a natskit feature) and the peers it is compared with, measured in interleaved repetitions.
 *
 * <p>Each repetition runs every contender once, in an order that rotates from one repetition to the next, so that
 * a burst of load from other processes on the machine falls on all contenders alike. The ratio subject ÷ peer is
 * taken within each repetition and summarized over the repetitions.
 */
final class Comparison {

    private record Contender(String name, Trial trial, String notMeasuredReason) {}

    private final String figure;
    private final String unit;
    private final List<Contender> contenders = new ArrayList<>();

    Comparison(String figure, String unit) {
        this.figure = figure;
        this.unit = unit;
    }

    /** Sets the subject, the contender whose ratio to each peer is reported. Call it first, once. */
    Comparison subject(String name, Trial trial) {
        if (!contenders.isEmpty()) {
            throw new IllegalStateException("the subject of " + figure + " must be added first, and only once");
        }
        contenders.add(new Contender(name, Objects.requireNonNull(trial), null));
        return this;
    }

    /** Adds a peer that is measured like the subject. */
    Comparison peer(String name, Trial trial) {
        requireSubject();
        contenders.add(new Contender(name, Objects.requireNonNull(trial), null));
        return this;
    }

    /** Adds a peer that appears in the table with the reason it was not measured. */
    Comparison notMeasured(String name, String reason) {
        requireSubject();
        contenders.add(new Contender(name, null, Objects.requireNonNull(reason)));
        return this;
    }

    /** Runs the warm-up and the measured repetitions, and returns one row per contender, the subject first. */
    List<Row> run(Settings settings) throws Exception {
        List<Contender> measured = contenders.stream()
                .filter(contender -> contender.trial() != null)
                .toList();
        for (int repetition = 0; repetition < settings.warmups(); repetition++) {
            runRepetition(measured, repetition);
        }
        List<double[]> values = new ArrayList<>();
        for (int repetition = 0; repetition < settings.repetitions(); repetition++) {
            values.add(runRepetition(measured, repetition));
        }
        return rows(measured, values);
    }

    private double[] runRepetition(List<Contender> measured, int repetition) throws Exception {
        double[] values = new double[measured.size()];
        for (int step = 0; step < measured.size(); step++) {
            int index = (repetition + step) % measured.size();
            Contender contender = measured.get(index);
            try {
                values[index] = contender.trial().run();
            } catch (Exception e) {
                throw new IllegalStateException(figure + ": the trial of \"" + contender.name() + "\" failed", e);
            }
        }
        return values;
    }

    private List<Row> rows(List<Contender> measured, List<double[]> values) {
        List<Row> rows = new ArrayList<>();
        for (Contender contender : contenders) {
            int index = measured.indexOf(contender);
            if (index < 0) {
                rows.add(new Row(
                        figure,
                        contender.name(),
                        unit,
                        Optional.empty(),
                        Optional.empty(),
                        contender.notMeasuredReason()));
                continue;
            }
            List<Double> own = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (double[] repetition : values) {
                own.add(repetition[index]);
                ratios.add(repetition[0] / repetition[index]);
            }
            Optional<Statistics> ratio = index == 0 ? Optional.empty() : Optional.of(Statistics.of(ratios));
            rows.add(new Row(figure, contender.name(), unit, Optional.of(Statistics.of(own)), ratio, ""));
        }
        return rows;
    }

    private void requireSubject() {
        if (contenders.isEmpty()) {
            throw new IllegalStateException("add the subject of " + figure + " before its peers");
        }
    }
}
