package io.skywire.tests.bench;

import io.skywire.node.engine.RouteTable;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Route-table lookups with a million routes, in random order (so most lookups miss the CPU caches, as a
 * busy transit node's would): the engine's open-addressed table against a {@link HashMap} keyed by a
 * record of the same three fields, holding the same entries, measured in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouteTableBenchmark {

    /** The key a straightforward implementation would use. */
    record RouteKey(int link, long hi, long lo) {
    }

    /** A stand-in for the route state; one shared object, so only the tables' own memory differs. */
    static final Object VALUE = new Object();

    /** Links a busy node might have; route ids are random within each. */
    static final int LINKS = 64;

    @Param({"1000000"})
    public int routes;

    private RouteTable<Object> table;
    private Map<RouteKey, Object> map;
    private int[] links;
    private long[] his;
    private long[] los;
    /** Lookup order: a random permutation of the entries. */
    private int[] order;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        links = new int[routes];
        his = new long[routes];
        los = new long[routes];
        table = new RouteTable<>(16);
        map = new HashMap<>();
        for (int i = 0; i < routes; i++) {
            links[i] = random.nextInt(LINKS);
            his[i] = random.nextLong();
            los[i] = random.nextLong();
            table.put(links[i], his[i], los[i], VALUE);
            map.put(new RouteKey(links[i], his[i], los[i]), VALUE);
        }
        order = new int[routes];
        for (int i = 0; i < routes; i++) {
            order[i] = i;
        }
        for (int i = routes - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private int nextIndex() {
        int i = order[next];
        next = next + 1 == order.length ? 0 : next + 1;
        return i;
    }

    @Benchmark
    public Object routeTable() {
        int i = nextIndex();
        return table.get(links[i], his[i], los[i]);
    }

    @Benchmark
    public Object hashMap() {
        int i = nextIndex();
        // A decoder hands over the three fields; a HashMap needs them in a key object.
        return map.get(new RouteKey(links[i], his[i], los[i]));
    }
}
