package org.enachain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Turns JMH JSON result files ({@code -rf json}) into the Markdown table of {@code bench/README.md}:
 * one row per enachain operation per JDK, beside its floor. A benchmark class holds one operation
 * as two methods, {@code enachain} and {@code floor}; results pair up by class and parameters.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.enachain.bench.ResultsTable \
 *     [--readme bench/README.md] [--note "text above the table"] results.json...
 * </pre>
 *
 * Prints the table; with {@code --readme}, also replaces everything between the README's
 * {@value #BEGIN} and {@value #END} lines with it.
 */
public final class ResultsTable {

    static final String BEGIN = "<!-- results:begin -->";
    static final String END = "<!-- results:end -->";

    /** An enachain operation should cost at most this multiple of its floor, unless its row says otherwise. */
    static final double TARGET = 1.3;

    /** How a benchmark class appears in the table, and the ratio to its floor it aims at (NaN: none). */
    private record Operation(String label, double target) {
    }

    /** Table order and wording, by benchmark class. */
    private static final Map<String, Operation> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put("DpopProofCreation", new Operation("DPoP proof creation (ES256, with `ath`)", TARGET));
        OPERATIONS.put("DpopProofVerification", new Operation("DPoP proof verification (ES256, token endpoint)", TARGET));
        OPERATIONS.put("AccessTokenValidation", new Operation("Access token validation (%s)", TARGET));
        OPERATIONS.put("ResourceRequestCheck", new Operation("Whole RS check (%s token + ES256 proof)", TARGET));
        OPERATIONS.put("ChainedTokenCacheHit", new Operation(
                "Chained token, cache hit + DPoP proof (floor: the proof alone)", 1.1));
        OPERATIONS.put("ChainedTokenMiss", new Operation(
                "Chained token, cache miss: exchange over loopback HTTP (floor: its two ES256 signatures)", Double.NaN));
    }

    private ResultsTable() {
    }

    /** One JMH result: the primary metric of one benchmark method with one parameter set on one JVM. */
    record Result(String className, String method, Map<String, String> params, String jdk, String vm,
                  double score, double error, String unit, String config) {

        String operationKey() {
            return className + params;
        }
    }

    /** One table row: an enachain operation and its floor, on one JDK. */
    record Row(String operation, int order, int seen, String jdk, Result enachain, Result floor, double target) {

        double ratio() {
            return enachain.score() / floor.score();
        }

        boolean isOver() {
            return !Double.isNaN(target) && ratio() > target;
        }
    }

    public static void main(String[] args) throws IOException {
        Path readme = null;
        String note = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--readme" -> readme = Path.of(args[++i]);
                case "--note" -> note = args[++i];
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("Usage: ResultsTable [--readme README.md] [--note text] jmh-result.json...");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (Path file : files) {
            results.addAll(read(file));
        }
        String section = render(rows(results), results, note);
        System.out.println(section);
        if (readme != null) {
            replaceSection(readme, section);
            System.out.println("Updated the results section of " + readme);
        }
    }

    // ------------------------------------------------------------------ reading

    static List<Result> read(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, Object> wrapper;
        try {
            // JMH writes a top-level array; jose4j's parser takes objects, so wrap it in one.
            wrapper = JsonUtil.parseJson("{\"results\":" + json + "}");
        } catch (JoseException e) {
            throw new IOException(file + " is not a JMH JSON result file: " + e.getMessage(), e);
        }
        List<Result> results = new ArrayList<>();
        for (Object o : list(wrapper.get("results"))) {
            Map<String, Object> r = map(o);
            String benchmark = (String) r.get("benchmark");
            int dot = benchmark.lastIndexOf('.');
            String className = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new TreeMap<>();
            if (r.get("params") != null) {
                map(r.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            Map<String, Object> metric = map(r.get("primaryMetric"));
            String config = String.format(Locale.ROOT, "%s fork(s), warmup %s × %s, measurement %s × %s",
                    r.get("forks"), r.get("warmupIterations"), r.get("warmupTime"),
                    r.get("measurementIterations"), r.get("measurementTime"));
            results.add(new Result(className, benchmark.substring(dot + 1), params,
                    String.valueOf(r.get("jdkVersion")), r.get("vmName") + " " + r.get("vmVersion"),
                    number(metric.get("score")), number(metric.get("scoreError")),
                    String.valueOf(metric.get("scoreUnit")), config));
        }
        return results;
    }

    private static List<?> list(Object o) {
        return (List<?>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** JMH writes NaN (an error bar from a single iteration) as the string "NaN". */
    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return Double.parseDouble(String.valueOf(o));
    }

    // ------------------------------------------------------------------ pairing

    static List<Row> rows(List<Result> results) {
        Map<String, Result> floors = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.method().equals("floor")) {
                floors.put(r.jdk() + "|" + r.operationKey(), r);
            }
        }
        List<String> order = new ArrayList<>(OPERATIONS.keySet());
        Map<String, Integer> firstSeen = new LinkedHashMap<>(); // parameters in the order JMH ran them
        List<Row> rows = new ArrayList<>();
        for (Result r : results) {
            if (!r.method().equals("enachain")) {
                continue;
            }
            Result floor = floors.get(r.jdk() + "|" + r.operationKey());
            if (floor == null) {
                System.err.println("No floor measured for " + r.className() + r.params() + " on JDK " + r.jdk()
                        + "; left out of the table");
                continue;
            }
            if (!r.unit().equals(floor.unit())) {
                throw new IllegalArgumentException("Units differ for " + r.operationKey() + ": " + r.unit()
                        + " and " + floor.unit());
            }
            int index = order.indexOf(r.className());
            String label = label(r);
            int seen = firstSeen.computeIfAbsent(label, l -> firstSeen.size());
            Operation operation = OPERATIONS.get(r.className());
            rows.add(new Row(label, index < 0 ? order.size() : index, seen, r.jdk(), r, floor,
                    operation == null ? TARGET : operation.target()));
        }
        rows.sort(Comparator.comparingInt(Row::order)
                .thenComparingInt(Row::seen)
                .thenComparingInt(row -> majorVersion(row.jdk())));
        return rows;
    }

    private static String label(Result r) {
        Operation operation = OPERATIONS.get(r.className());
        String template = operation == null ? null : operation.label();
        if (template == null) {
            return r.className() + (r.params().isEmpty() ? "" : " " + r.params());
        }
        return template.contains("%s") ? String.format(Locale.ROOT, template, String.join(", ", r.params().values()))
                : template;
    }

    private static int majorVersion(String jdk) {
        String digits = jdk.split("[^0-9]", 2)[0];
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    // ------------------------------------------------------------------ writing

    static String render(List<Row> rows, List<Result> results, String note) {
        StringBuilder sb = new StringBuilder();
        if (note != null && !note.isBlank()) {
            sb.append(note.strip()).append("\n\n");
        }
        String unit = rows.isEmpty() ? "us/op" : rows.get(0).enachain().unit();
        String shownUnit = unit.replace("us/", "µs/");
        sb.append("| operation | JDK | ").append(shownUnit).append(" (score ± error) | floor ").append(shownUnit)
                .append(" | ratio to floor | target |\n");
        sb.append("|---|---|---:|---:|---:|---:|\n");
        int over = 0;
        int targeted = 0;
        for (Row row : rows) {
            boolean isOver = row.isOver();
            over += isOver ? 1 : 0;
            targeted += Double.isNaN(row.target()) ? 0 : 1;
            sb.append("| ").append(row.operation())
                    .append(" | ").append(row.jdk())
                    .append(" | ").append(withError(row.enachain()))
                    .append(" | ").append(withError(row.floor()))
                    .append(" | ").append(isOver ? "**" + ratio(row.ratio()) + "** (over)" : ratio(row.ratio()))
                    .append(" | ").append(Double.isNaN(row.target()) ? "—" : "≤ " + row.target() + "×")
                    .append(" |\n");
        }
        sb.append('\n');
        if (rows.stream().anyMatch(row -> Double.isNaN(row.enachain().error()) || Double.isNaN(row.floor().error()))) {
            sb.append("Scores without ± have no error bar: JMH gives none for fewer than three measurement iterations.\n\n");
        }
        sb.append(over == 0
                ? "Every operation with a target is within it."
                : over + " of " + targeted + " rows with a target are over it.");
        sb.append("\n\n");
        Map<String, String> runs = new LinkedHashMap<>();
        for (Result r : results) {
            runs.putIfAbsent(r.jdk(), r.vm() + "; " + r.config());
        }
        sb.append("Measured on:\n\n");
        runs.entrySet().stream()
                .sorted(Comparator.comparingInt(e -> majorVersion(e.getKey())))
                .forEach(e -> sb.append("- JDK ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        return sb.toString();
    }

    private static String withError(Result r) {
        return Double.isNaN(r.error()) ? number(r.score()) : number(r.score()) + " ± " + number(r.error());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f×", v);
    }

    static void replaceSection(Path readme, String section) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException(readme + " has no " + BEGIN + " … " + END + " section to replace");
        }
        String updated = text.substring(0, begin + BEGIN.length()) + "\n" + section + "\n" + text.substring(end);
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
    }
}
