package io.skywire.tests.bench;

import io.skywire.node.engine.RouteTable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Retained heap per route of the engine's route table and of the {@link HashMap} baseline: heap in use
 * after full collections with the filled table reachable, minus the same with it empty, over the routes.
 * The values are one shared object, so the figures are the tables' own cost per entry.
 */
final class RouteTableMemory {

    /** Bytes per route of one structure. */
    record Figure(String name, int routes, double bytesPerRoute) {
    }

    private static final int TRIALS = 3;

    private RouteTableMemory() {
    }

    static List<Figure> measure(int routes) {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("route table (engine)", routes, median(() -> fillTable(routes), routes)));
        figures.add(new Figure("HashMap<record(link, hi, lo), V>", routes, median(() -> fillMap(routes), routes)));
        return figures;
    }

    private static Object fillTable(int routes) {
        SplittableRandom random = new SplittableRandom(42);
        RouteTable<Object> table = new RouteTable<>(16);
        for (int i = 0; i < routes; i++) {
            table.put(random.nextInt(RouteTableBenchmark.LINKS), random.nextLong(), random.nextLong(),
                    RouteTableBenchmark.VALUE);
        }
        return table;
    }

    private static Object fillMap(int routes) {
        SplittableRandom random = new SplittableRandom(42);
        Map<RouteTableBenchmark.RouteKey, Object> map = new HashMap<>();
        for (int i = 0; i < routes; i++) {
            map.put(new RouteTableBenchmark.RouteKey(random.nextInt(RouteTableBenchmark.LINKS), random.nextLong(),
                    random.nextLong()), RouteTableBenchmark.VALUE);
        }
        return map;
    }

    private static double median(Supplier<Object> fill, int routes) {
        double[] trials = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            long before = usedAfterGc();
            Object kept = fill.get();
            long after = usedAfterGc();
            trials[t] = (double) (after - before) / routes;
            // Keeps the structure reachable until the second measurement.
            Reference.reachabilityFence(kept);
        }
        Arrays.sort(trials);
        return trials[TRIALS / 2];
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
