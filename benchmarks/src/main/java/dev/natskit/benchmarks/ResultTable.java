package dev.natskit.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints rows as a Markdown table, so that a run's output can be pasted into the documentation as it is. The first
 * row of each figure is its subject, and the ratio column divides the subject's value by each other row's.
 */
final class ResultTable {

    private static final String[] HEADER = {"figure", "contender", "median", "spread (p25–p75)", "first row ÷ this", "n"
    };

    private ResultTable() {}

    static void print(List<Row> rows, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        String previousFigure = "";
        for (Row row : rows) {
            String figure = row.figure().equals(previousFigure) ? "" : row.figure();
            previousFigure = row.figure();
            lines.add(cells(figure, row));
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int index = 0; index < lines.size(); index++) {
            out.println(format(lines.get(index), widths));
            if (index == 0) {
                out.println(separator(widths));
            }
        }
    }

    private static String[] cells(String figure, Row row) {
        if (row.statistics().isEmpty()) {
            return new String[] {figure, row.contender(), "–", "–", row.note(), "0"};
        }
        Statistics statistics = row.statistics().get();
        String spread =
                number(statistics.lowerQuartile()) + "–" + number(statistics.upperQuartile()) + " " + row.unit();
        String ratio = row.ratio().map(ResultTable::ratio).orElse("(subject)");
        return new String[] {
            figure,
            row.contender(),
            number(statistics.median()) + " " + row.unit(),
            spread,
            ratio,
            Integer.toString(statistics.size())
        };
    }

    /** Formats a ratio with its own spread, such as {@code 0.031 (0.029–0.035)}. */
    private static String ratio(Statistics ratio) {
        return number(ratio.median()) + " (" + number(ratio.lowerQuartile()) + "–" + number(ratio.upperQuartile())
                + ")";
    }

    /** Three significant digits, enough for figures whose spread is several percent. */
    private static String number(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String format(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ').append(pad(cells[i], widths[i])).append(" |");
        }
        return line.toString();
    }

    private static String separator(int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int width : widths) {
            line.append(' ').append("-".repeat(width)).append(" |");
        }
        return line.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
