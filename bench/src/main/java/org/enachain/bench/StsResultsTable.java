package org.enachain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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
 * The STS section of {@code bench/README.md}: the in-process JMH numbers of one token exchange
 * ({@code results/sts-jmh-jdk<major>.json}, written by {@code bench/run.sh} from
 * {@link StsExchangeCryptoFloor} and {@link StsExchangeEngine}) beside the load test on Liberty
 * ({@code results/sts-load-jdk<major>.json}, written by {@code bench/sts-load.sh} from
 * {@link StsLoadDriver}), matched by the server's JDK major version.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.enachain.bench.StsResultsTable \
 *     [--readme bench/README.md] [--results bench/results] [--note "text above the tables"]
 * </pre>
 *
 * Prints the section; with {@code --readme}, also replaces everything between the README's
 * {@value #BEGIN} and {@value #END} lines with it. Either kind of file may be missing.
 */
public final class StsResultsTable {

    static final String BEGIN = "<!-- sts-results:begin -->";
    static final String END = "<!-- sts-results:end -->";

    private StsResultsTable() {
    }

    /** The three JMH numbers of one JDK, µs per exchange. */
    record Jmh(String jdk, ResultsTable.Result floor, ResultsTable.Result enachain, ResultsTable.Result engine) {
    }

    public static void main(String[] args) throws IOException {
        Path readme = null;
        Path results = Path.of("bench", "results");
        String note = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--readme" -> readme = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--note" -> note = args[++i];
                default -> {
                    System.err.println("Usage: StsResultsTable [--readme README.md] [--results dir] [--note text]");
                    System.exit(2);
                }
            }
        }
        Path jmhNote = results.resolve("sts-jmh-note.txt");
        String section = render(jmh(results), Files.isRegularFile(jmhNote) ? Files.readString(jmhNote).strip() : null,
                loads(results), note);
        System.out.println(section);
        if (readme != null) {
            replaceSection(readme, section);
            System.out.println("Updated the STS results section of " + readme);
        }
    }

    // ------------------------------------------------------------------ reading

    static Map<Integer, Jmh> jmh(Path dir) throws IOException {
        Map<Integer, Jmh> byMajor = new TreeMap<>();
        for (Path file : files(dir, "sts-jmh-jdk*.json")) {
            Map<String, ResultsTable.Result> found = new LinkedHashMap<>();
            String jdk = null;
            for (ResultsTable.Result r : ResultsTable.read(file)) {
                found.put(r.className() + "." + r.method(), r);
                jdk = r.jdk();
            }
            if (jdk != null) {
                byMajor.put(major(jdk), new Jmh(jdk, found.get("StsExchangeCryptoFloor.floor"),
                        found.get("StsExchangeCryptoFloor.enachain"), found.get("StsExchangeEngine.engine")));
            }
        }
        return byMajor;
    }

    static Map<Integer, Map<String, Object>> loads(Path dir) throws IOException {
        Map<Integer, Map<String, Object>> byMajor = new TreeMap<>();
        for (Path file : files(dir, "sts-load-jdk*.json")) {
            Map<String, Object> report;
            try {
                report = JsonUtil.parseJson(Files.readString(file, StandardCharsets.UTF_8));
            } catch (JoseException e) {
                throw new IOException(file + " is not a StsLoadDriver report: " + e.getMessage(), e);
            }
            byMajor.put(major(string(map(report, "server").get("javaVersion"))), report);
        }
        return byMajor;
    }

    private static List<Path> files(Path dir, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                stream.forEach(files::add);
            }
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    // ------------------------------------------------------------------ writing

    static String render(Map<Integer, Jmh> jmh, String jmhNote, Map<Integer, Map<String, Object>> loads, String note) {
        StringBuilder sb = new StringBuilder();
        if (note != null && !note.isBlank()) {
            sb.append(note.strip()).append("\n\n");
        }
        int cores = loads.values().stream().map(r -> ((Number) r.get("cores")).intValue()).findFirst()
                .orElse(Runtime.getRuntime().availableProcessors());

        sb.append("**In-process, one thread (JMH `StsExchangeCryptoFloor`, `StsExchangeEngine`; µs per exchange,"
                + " score ± error):**\n\n");
        if (jmh.isEmpty()) {
            sb.append("No JMH results yet: run `bench/run.sh StsExchange`.\n\n");
        } else {
            sb.append("| JDK | crypto floor: 3 ES256 verifies + 1 sign, raw JCA | the same four through enachain-core"
                    + " | whole exchange in the engine (`Tenant.token`) | ceiling from the floor: 1 core / ")
                    .append(cores).append(" cores | ceiling from the engine: 1 core / ").append(cores)
                    .append(" cores |\n");
            sb.append("|---|---:|---:|---:|---:|---:|\n");
            for (Jmh j : jmh.values()) {
                sb.append("| ").append(j.jdk())
                        .append(" | ").append(withError(j.floor()))
                        .append(" | ").append(withError(j.enachain())).append(ratio(j.enachain(), j.floor()))
                        .append(" | ").append(withError(j.engine())).append(ratio(j.engine(), j.floor()))
                        .append(" | ").append(ceiling(j.floor(), cores))
                        .append(" | ").append(ceiling(j.engine(), cores))
                        .append(" |\n");
            }
            sb.append("\nA ceiling is 10⁶ µs / (µs per exchange) exchanges per second per core, times the cores:"
                    + " what the cores could do if they did nothing but that. ");
            if (jmhNote != null) {
                sb.append(jmhNote).append(' ');
            }
            sb.append("JMH settings:");
            for (Jmh j : jmh.values()) {
                ResultsTable.Result any = j.floor() != null ? j.floor() : j.engine() != null ? j.engine() : j.enachain();
                if (any != null) {
                    sb.append(" JDK ").append(j.jdk()).append(": ").append(any.vm()).append("; ").append(any.config())
                            .append('.');
                }
            }
            sb.append("\n\n");
        }

        sb.append("**On Liberty over HTTPS (`StsLoadDriver` via `bench/sts-load.sh`):**\n\n");
        if (loads.isEmpty()) {
            sb.append("No load results yet: run `bench/sts-load.sh`.\n");
            return sb.toString();
        }
        sb.append("| server JDK | exchanges/s | p50 ms | p90 ms | p99 ms | max ms | errors | vs. floor ceiling (")
                .append(cores).append(" cores) | Liberty CPU per exchange | driver CPU per exchange"
                        + " | 1-min load average: measuring began → end |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map.Entry<Integer, Map<String, Object>> e : loads.entrySet()) {
            Map<String, Object> r = e.getValue();
            Map<String, Object> res = map(r, "results");
            Map<String, Object> cpu = map(r, "cpu");
            Map<String, Object> load = map(r, "loadAverage");
            Jmh j = jmh.get(e.getKey());
            double rate = number(res.get("exchangesPerSecond"));
            String vsFloor = "—";
            if (j != null && j.floor() != null) {
                double ceiling = 1e6 / j.floor().score() * cores;
                vsFloor = String.format(Locale.ROOT, "%.0f%% of %,.0f/s", 100 * rate / ceiling, ceiling);
            }
            String serverCpu = "—";
            if (cpu.get("serverMsPerExchange") != null) {
                double ms = number(cpu.get("serverMsPerExchange"));
                serverCpu = String.format(Locale.ROOT, "%.2f ms", ms);
                if (j != null && j.engine() != null) {
                    serverCpu += String.format(Locale.ROOT, " (%.1f× engine)", ms * 1000 / j.engine().score());
                }
            }
            sb.append("| ").append(serverJdk(r))
                    .append(" | ").append(String.format(Locale.ROOT, "%,.1f", rate))
                    .append(" | ").append(ms(res.get("p50Ms")))
                    .append(" | ").append(ms(res.get("p90Ms")))
                    .append(" | ").append(ms(res.get("p99Ms")))
                    .append(" | ").append(ms(res.get("maxMs")))
                    .append(" | ").append(res.get("errors"))
                    .append(" | ").append(vsFloor)
                    .append(" | ").append(serverCpu)
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f ms", number(cpu.get("driverMsPerExchange"))))
                    .append(" | ").append(first(load.get("atMeasurementStart"))).append(" → ").append(first(load.get("atEnd")))
                    .append(" |\n");
        }
        sb.append('\n');
        for (Map.Entry<Integer, Map<String, Object>> e : loads.entrySet()) {
            sb.append(limits(e.getValue(), jmh.get(e.getKey()), cores)).append("\n\n");
        }
        Map<String, Object> any = loads.values().iterator().next();
        sb.append("Measured ").append(string(any.get("date")).substring(0, 10)).append(", ").append(cores)
                .append(" cores; concurrency ").append(any.get("concurrency")).append(", ")
                .append(any.get("warmupRequests")).append(" warm-up and ").append(map(any, "results").get("measuredRequests"))
                .append(" measured exchanges per server JDK (rounds of ").append(any.get("roundSize")).append(", ")
                .append(any.get("subjectTokens")).append(" subject tokens); a fresh Liberty server per JDK.\n\n");
        for (Map<String, Object> r : loads.values()) {
            Map<String, Object> driver = map(r, "driver");
            sb.append("- server JDK ").append(string(map(r, "server").get("javaVersion")))
                    .append("; driver JDK ").append(string(driver.get("javaVersion")))
                    .append("; load average (1, 5, 15 min) at the start ").append(map(r, "loadAverage").get("atStart"))
                    .append(", when measuring began ").append(map(r, "loadAverage").get("atMeasurementStart"))
                    .append(", at the end ").append(map(r, "loadAverage").get("atEnd"));
            if (r.get("waitedForQuietMachine") != null) {
                sb.append("; quiet machine before measuring: ").append(string(r.get("waitedForQuietMachine")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The measured sentences on what bounds one run: where the cores went during the measured rounds. */
    static String limits(Map<String, Object> r, Jmh j, int cores) {
        Map<String, Object> cpu = map(r, "cpu");
        StringBuilder sb = new StringBuilder("*JDK ").append(major(string(map(r, "server").get("javaVersion"))))
                .append(":* ");
        if (cpu.get("serverCoresBusy") == null) {
            return sb.append("no CPU figures (the driver had no server pid or no /proc).").toString();
        }
        double liberty = number(cpu.get("serverCoresBusy"));
        double machine = cpu.get("machineCoresBusy") == null ? Double.NaN : number(cpu.get("machineCoresBusy"));
        double measuredSeconds = number(map(r, "results").get("measuredSeconds"));
        double driver = number(cpu.get("driverCpuSeconds")) / measuredSeconds;
        double other = cpu.get("otherProcessesCpuSeconds") == null ? 0
                : number(cpu.get("otherProcessesCpuSeconds")) / measuredSeconds;
        sb.append(String.format(Locale.ROOT, "during the measured rounds the machine's %d cores were %s busy: Liberty"
                        + " %.2f cores, the driver %.2f, other processes %.2f.", cores,
                Double.isNaN(machine) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * machine / cores),
                liberty, driver, other));
        double serverMs = number(cpu.get("serverMsPerExchange"));
        Map<String, Object> groups = map(r, "cpu").get("serverCpuSecondsByThreadGroup") instanceof Map<?, ?> m
                ? castMap(m) : Map.of();
        double total = groups.values().stream().mapToDouble(StsResultsTable::number).sum();
        double requests = sumWhere(groups, "Default Executo");
        double jit = sumWhere(groups, "CompilerThre");
        double gc = sumWhere(groups, "GC Thread") + sumWhere(groups, "G# ") + sumWhere(groups, "G1 ");
        sb.append(String.format(Locale.ROOT, " Liberty spent %.2f ms of CPU per exchange", serverMs));
        if (j != null && j.engine() != null) {
            sb.append(String.format(Locale.ROOT, ", %.1f× the in-process engine's %.2f ms", serverMs * 1000 / j.engine().score(),
                    j.engine().score() / 1000));
        }
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "; of what its threads used: request threads (Default Executor)"
                    + " %.0f%%, JIT compiler threads %.0f%%, GC %.0f%%, others %.0f%%.", 100 * requests / total,
                    100 * jit / total, 100 * gc / total, Math.max(0, 100 * (total - requests - jit - gc) / total)));
        } else {
            sb.append('.');
        }
        return sb.toString();
    }

    private static double sumWhere(Map<String, Object> groups, String contains) {
        double sum = 0;
        for (Map.Entry<String, Object> e : groups.entrySet()) {
            if (e.getKey().contains(contains)) {
                sum += number(e.getValue());
            }
        }
        return sum;
    }

    private static String serverJdk(Map<String, Object> report) {
        String version = string(map(report, "server").get("javaVersion"));
        int space = version.indexOf(' ');
        return space < 0 ? version : version.substring(0, space);
    }

    private static String withError(ResultsTable.Result r) {
        if (r == null) {
            return "—";
        }
        return Double.isNaN(r.error()) ? String.format(Locale.ROOT, "%,.0f", r.score())
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", r.score(), r.error());
    }

    private static String ratio(ResultsTable.Result r, ResultsTable.Result floor) {
        return r == null || floor == null ? "" : String.format(Locale.ROOT, " (%.2f×)", r.score() / floor.score());
    }

    private static String ceiling(ResultsTable.Result r, int cores) {
        if (r == null) {
            return "—";
        }
        double perCore = 1e6 / r.score();
        return String.format(Locale.ROOT, "%,.0f / %,.0f per s", perCore, perCore * cores);
    }

    private static String ms(Object value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.1f", number(value));
    }

    private static String first(Object list) {
        return list instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : "?";
    }

    private static int major(String version) {
        String digits = version.split("[^0-9]", 2)[0];
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(o));
    }

    private static String string(Object o) {
        return o == null ? "?" : o.toString();
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object value = m.get(key);
        return value instanceof Map<?, ?> inner ? castMap(inner) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
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
