package dev.natskit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the figures and prints one table: the median and spread of each contender, and the ratio of the figure's
 * subject (its first row, natskit in figures 1 to 4) to it, taken within each repetition.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--figures 1,3]
 * </pre>
 *
 * <p>{@code --quick} runs every comparison once without warm-up, to check that the harness works; its figures are
 * not meant to be quoted. {@code --figures} selects figures by number, all of them by default.
 */
public final class BenchmarkMain {

    // JUL keeps loggers only weakly, so a level set on one must stay referenced. The tutorial restarts a server
    // on purpose, and jnats logs each refused reconnect of that spec as SEVERE.
    private static final Logger ROOT_LOGGER = Logger.getLogger("");
    private static final Logger JNATS_ERROR_LOGGER = Logger.getLogger("io.nats.client.impl.ErrorListenerLoggerImpl");

    private static final String USAGE = "usage: java -jar benchmarks.jar [--quick] [--figures 1,2,3,4,5,6]";

    private BenchmarkMain() {}

    @FunctionalInterface
    private interface Figure {
        List<Row> run(Settings settings) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings(0, 0, false);
        Set<Integer> selected = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> settings = Settings.quickCheck();
                case "--figures" -> selected = parseFigures(i + 1 < args.length ? args[++i] : "");
                default -> {
                    System.err.println("unknown argument \"" + args[i] + "\"; " + USAGE);
                    System.exit(2);
                }
            }
        }
        // The servers log one INFO line per start, and the runner several. The table is the output that matters.
        ROOT_LOGGER.setLevel(Level.WARNING);
        JNATS_ERROR_LOGGER.setLevel(Level.OFF);

        try (BenchmarkEnvironment environment = BenchmarkEnvironment.create()) {
            printMachine(environment, settings);
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<Integer, Figure> figure : figures(environment).entrySet()) {
                if (selected.contains(figure.getKey())) {
                    System.err.println("running figure " + figure.getKey() + " ...");
                    rows.addAll(figure.getValue().run(settings));
                }
            }
            System.out.println();
            ResultTable.print(rows, System.out);
            System.out.println();
            System.out.println("load average at the end: " + loadAverage());
        }
    }

    private static Map<Integer, Figure> figures(BenchmarkEnvironment environment) {
        Map<Integer, Figure> figures = new LinkedHashMap<>();
        figures.put(1, new StartFigure(environment)::run);
        figures.put(2, new ResetFigure(environment)::run);
        figures.put(3, new WaitFigure(environment)::run);
        figures.put(4, new QuietFigure(environment)::run);
        figures.put(5, new TutorialFigure(environment)::run);
        figures.put(6, new MemoryFigure(environment)::run);
        return figures;
    }

    private static Set<Integer> parseFigures(String list) {
        Set<Integer> figures = new TreeSet<>();
        for (String item : list.split(",")) {
            try {
                int figure = Integer.parseInt(item.strip());
                if (figure < 1 || figure > 6) {
                    throw new NumberFormatException();
                }
                figures.add(figure);
            } catch (NumberFormatException e) {
                System.err.println("invalid figure \"" + item + "\": expected numbers from 1 to 6; " + USAGE);
                System.exit(2);
            }
        }
        return figures;
    }

    private static void printMachine(BenchmarkEnvironment environment, Settings settings) {
        System.out.println(
                "natskit benchmarks" + (settings.quick() ? " (--quick: one repetition, not for quoting)" : ""));
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", memory: " + memoryTotal());
        System.out.println("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("nats-server " + environment.serverVersion() + " from "
                + environment.binary().path());
        System.out.println("load average at the start: " + loadAverage());
    }

    private static String memoryTotal() {
        return readFirstLine(Path.of("/proc/meminfo"))
                .map(line -> line.replaceAll("[^0-9]", ""))
                .filter(kibibytes -> !kibibytes.isEmpty())
                .map(kibibytes -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kibibytes) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static String loadAverage() {
        return readFirstLine(Path.of("/proc/loadavg"))
                .map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3)))
                .orElse("unknown");
    }

    private static Optional<String> readFirstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
