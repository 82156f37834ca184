package io.skywire.tests.bench;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Paired before/after comparison of two builds of node-core on one simulator scenario, for a machine too busy
 * for absolute timings: both builds are loaded in sibling class loaders of one JVM (sharing the dependencies,
 * so the native secp256k1 library loads once), runs alternate, and each run is timed in the CPU time of this
 * thread, so time spent waiting for the CPU does not count. Prints events per CPU-second, bytes allocated per
 * event, and the after/before ratio of each round's pair.
 *
 * <p>Usage: {@code SimulatorAbMain BEFORE_CLASSES AFTER_CLASSES DEPENDENCY_CLASSPATH lossy-chain|many-chains
 * ROUNDS}; see docs/BENCHMARKS.md.
 */
public final class SimulatorAbMain {

    private static final int WARM_UP_ROUNDS = 3;

    /** One scenario run in one build: returns the events it processed. */
    private interface Run {
        long events() throws ReflectiveOperationException;
    }

    private SimulatorAbMain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: BEFORE_CLASSES AFTER_CLASSES DEPENDENCY_CLASSPATH SCENARIO ROUNDS");
        }
        List<URL> dependencies = new ArrayList<>();
        for (String path : args[2].split(File.pathSeparator)) {
            dependencies.add(new File(path).toURI().toURL());
        }
        ClassLoader shared = new URLClassLoader(dependencies.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        String scenario = args[3];
        int rounds = Integer.parseInt(args[4]);
        Run[] runs = {run(new URLClassLoader(new URL[] {new File(args[0]).toURI().toURL()}, shared), scenario),
            run(new URLClassLoader(new URL[] {new File(args[1]).toURI().toURL()}, shared), scenario)};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            runs[0].events();
            runs[1].events();
        }
        double[][] rates = new double[2][rounds];
        double[][] allocations = new double[2][rounds];
        long[] eventsPerRun = new long[2];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 2; k++) {
                // Alternate which build goes first, so that neither always runs right after the other.
                int build = (round + k) % 2;
                long cpu = threads.getCurrentThreadCpuTime();
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long events = runs[build].events();
                rates[build][round] = events / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
                allocations[build][round] = (double) (threads.getCurrentThreadAllocatedBytes() - allocated) / events;
                eventsPerRun[build] = events;
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String[] names = {"before", "after"};
        for (int build = 0; build < 2; build++) {
            double[] rate = sorted(rates[build]);
            out.printf(Locale.ROOT, "%s %s: %d events/run, events per CPU-second median %.0f (min %.0f, max %.0f),"
                    + " %.0f bytes allocated/event%n", scenario, names[build], eventsPerRun[build], rate[rounds / 2],
                    rate[0], rate[rounds - 1], sorted(allocations[build])[rounds / 2]);
        }
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ratios[round] = rates[1][round] / rates[0][round];
        }
        ratios = sorted(ratios);
        out.printf(Locale.ROOT, "%s after/before, paired by round: median %.2f (min %.2f, max %.2f), %d rounds%n",
                scenario, ratios[rounds / 2], ratios[0], ratios[rounds - 1], rounds);
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** The scenario's default parameters (the 10 MB lossy chain, or 2,000 nodes), run by reflection. */
    private static Run run(ClassLoader loader, String scenario) throws ReflectiveOperationException {
        String type = switch (scenario) {
            case "lossy-chain" -> "io.skywire.node.sim.LossyChainScenario";
            case "many-chains" -> "io.skywire.node.sim.ManyChainsScenario";
            default -> throw new IllegalArgumentException("scenario must be lossy-chain or many-chains");
        };
        Class<?> scenarioClass = loader.loadClass(type);
        Class<?> paramsClass = loader.loadClass(type + "$Params");
        Object params;
        if (scenario.equals("lossy-chain")) {
            Class<?> mode = loader.loadClass(type + "$Mode");
            params = paramsClass.getMethod("defaults", mode).invoke(null, mode.getEnumConstants()[0]);
        } else {
            params = paramsClass.getMethod("defaults").invoke(null);
        }
        Object instance = scenarioClass.getConstructor().newInstance();
        Method runMethod = scenarioClass.getMethod("run", paramsClass);
        Method events = loader.loadClass(type + "$Result").getMethod("events");
        return () -> (long) events.invoke(runMethod.invoke(instance, params));
    }
}
