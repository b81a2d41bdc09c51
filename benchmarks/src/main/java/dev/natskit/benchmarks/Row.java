package dev.natskit.benchmarks;

import java.util.Optional;

/**
 * One line of the result table: a contender's value, and how the subject of its comparison relates to it.
 *
 * @param statistics empty when the contender was not measured
 * @param ratio the median over repetitions of subject ÷ this contender, each repetition's pair measured back to
 *     back. It is empty for the subject itself and for contenders that were not measured.
 * @param note why the contender was not measured, or empty
 */
record Row(
        String figure,
        String contender,
        String unit,
        Optional<Statistics> statistics,
        Optional<Statistics> ratio,
        String note) {}
