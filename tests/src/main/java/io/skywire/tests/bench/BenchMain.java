package io.skywire.tests.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks (one fork, 3 warm-up and 5 measured iterations, as suits a 2-core machine) and
 * prints one table: each result, and the ratio of each measurement to the baseline measured in the same run.
 *
 * <p>Usage: {@code BenchMain [regex]}; see docs/BENCHMARKS.md for the Maven command.
 */
public final class BenchMain {

    /**
     * A ratio the table reports: {@code numerator / denominator}, both keys of {@link #key(RunResult)}, or such a
     * key, a colon and the name of a secondary result (an auxiliary counter).
     */
    private record Ratio(String label, String numerator, String denominator) {
    }

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("ECDH: JNI / Bouncy Castle", "Secp256k1Benchmark.ecdh[implementation=jni]",
                    "Secp256k1Benchmark.ecdh[implementation=bc]"),
            new Ratio("sign: JNI / Bouncy Castle", "Secp256k1Benchmark.sign[implementation=jni]",
                    "Secp256k1Benchmark.sign[implementation=bc]"),
            new Ratio("verify: JNI / Bouncy Castle", "Secp256k1Benchmark.verify[implementation=jni]",
                    "Secp256k1Benchmark.verify[implementation=bc]"),
            new Ratio("link seal 1400 B / raw cipher", "LinkSealBenchmark.seal[frameBytes=1400]",
                    "RawCipherBenchmark.seal[frameBytes=1400]"),
            new Ratio("link seal 16 KiB / raw cipher", "LinkSealBenchmark.seal[frameBytes=16384]",
                    "RawCipherBenchmark.seal[frameBytes=16384]"),
            new Ratio("link seal+open 1400 B / raw cipher", "LinkSealBenchmark.sealAndOpen[frameBytes=1400]",
                    "RawCipherBenchmark.seal[frameBytes=1400]"),
            new Ratio("link seal+open 16 KiB / raw cipher", "LinkSealBenchmark.sealAndOpen[frameBytes=16384]",
                    "RawCipherBenchmark.seal[frameBytes=16384]"),
            new Ratio("route lookup, 1M routes: engine table / HashMap",
                    "RouteTableBenchmark.routeTable[routes=1000000]", "RouteTableBenchmark.hashMap[routes=1000000]"),
            new Ratio("sim events/s: lossy chain / bare event loop", "SimulatorBenchmark.lossyChain:events",
                    "SimulatorBenchmark.eventLoop:events"),
            new Ratio("sim events/s: many chains / bare event loop", "SimulatorBenchmark.manyChains:events",
                    "SimulatorBenchmark.eventLoop:events"),
            new Ratio("escrow settlement / bare ledger posting", "EscrowSettlementBenchmark.settle",
                    "EscrowSettlementBenchmark.ledgerPosting"),
            new Ratio("promise verify / escrow settlement", "PaymentPromiseBenchmark.verify",
                    "EscrowSettlementBenchmark.settle"));

    /** Routes in the memory measurement that follows the route-table benchmarks. */
    private static final int MEMORY_ROUTES = 1_000_000;

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 && !args[0].isBlank() ? args[0] : "io\\.skywire\\.tests\\.bench\\..*";
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1));
        if (Runtime.version().feature() >= 24) {
            options.jvmArgsAppend("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        printTable(out, results);
        if (Pattern.compile(include).matcher(RouteTableBenchmark.class.getName() + ".routeTable").find()) {
            printMemory(out);
        }
    }

    /** Retained heap per route, measured in this JVM (the benchmarks ran in forks, so its heap is quiet). */
    private static void printMemory(PrintStream out) {
        List<RouteTableMemory.Figure> figures = RouteTableMemory.measure(MEMORY_ROUTES);
        out.printf(Locale.ROOT, "%nretained heap per route, %,d routes (median of 3, after full GCs)%n", MEMORY_ROUTES);
        for (RouteTableMemory.Figure figure : figures) {
            out.printf(Locale.ROOT, "%-55s %8.1f bytes/route%n", figure.name(), figure.bytesPerRoute());
        }
        out.printf(Locale.ROOT, "%-55s %8.2f%n", "memory per route: engine table / HashMap",
                figures.get(0).bytesPerRoute() / figures.get(1).bytesPerRoute());
    }

    static String key(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        Map<String, String> params = new TreeMap<>();
        for (String name : result.getParams().getParamsKeys()) {
            params.put(name, result.getParams().getParam(name));
        }
        StringBuilder key = new StringBuilder(shortName);
        if (!params.isEmpty()) {
            List<String> parts = new ArrayList<>();
            params.forEach((name, value) -> parts.add(name + "=" + value));
            key.append('[').append(String.join(",", parts)).append(']');
        }
        return key.toString();
    }

    private static void printTable(PrintStream out, Collection<RunResult> results) {
        Map<String, RunResult> byKey = new LinkedHashMap<>();
        Map<String, Result<?>> scores = new LinkedHashMap<>();
        results.forEach(result -> {
            byKey.put(key(result), result);
            scores.put(key(result), result.getPrimaryResult());
            // Auxiliary counters, such as the simulator's events per second, are ratios' operands too.
            result.getSecondaryResults().forEach((name, secondary) -> scores.put(key(result) + ":" + name, secondary));
        });
        out.printf(Locale.ROOT, "%nSkywire benchmarks on Java %s (%s), %d cores%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-55s %16s %12s %10s%n", "benchmark", "ops/s", "± error", "MB/s");
        scores.forEach((key, score) -> {
            RunResult result = byKey.get(key.contains(":") ? key.substring(0, key.indexOf(':')) : key);
            String frameBytes = result.getParams().getParamsKeys().contains("frameBytes")
                    ? result.getParams().getParam("frameBytes") : null;
            String megabytes = frameBytes == null ? ""
                    : String.format(Locale.ROOT, "%.0f", score.getScore() * Integer.parseInt(frameBytes) / 1e6);
            out.printf(Locale.ROOT, "%-55s %16.0f %12.0f %10s%n", key, score.getScore(), score.getScoreError(),
                    megabytes);
        });
        out.printf(Locale.ROOT, "%nratios (same run)%n");
        for (Ratio ratio : RATIOS) {
            Result<?> numerator = scores.get(ratio.numerator());
            Result<?> denominator = scores.get(ratio.denominator());
            if (numerator != null && denominator != null) {
                out.printf(Locale.ROOT, "%-55s %8.2f%n", ratio.label(), numerator.getScore() / denominator.getScore());
            }
        }
    }
}
