package io.skywire.tests.bench;

import io.skywire.node.sim.LossyChainScenario;
import io.skywire.node.sim.ManyChainsScenario;
import io.skywire.node.sim.Simulator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Simulator events per second (the secondary result {@code events}): the lossy-chain scenario (8 hops at
 * 50% loss, 1 MB hop-by-hop, the configuration scaled down) against the bare event loop in the same
 * run, where every event is a no-op action that reschedules itself, with as many events pending as the
 * lossy chain has. Their ratio is the share of the time the event loop itself takes. {@code manyChains} is the
 * scale case: 2,000 engines on one event queue, including the cost of creating them and setting up 500 routes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulatorBenchmark {

    /** Events per second, reported next to the operations (whole runs) per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /** Events pending at once in the bare loop: about what the lossy chain keeps queued. */
    private static final int PENDING = 32;
    private static final long LOOP_EVENTS = 200_000;

    private final LossyChainScenario scenario = new LossyChainScenario();
    private final LossyChainScenario.Params lossyChain = new LossyChainScenario.Params(8, 0.5, 1,
            LossyChainScenario.Mode.HOP_BY_HOP, 7, 10_000_000L, 5_000_000L, 256 * 1024, 0);

    @Benchmark
    public long lossyChain(Events counter) {
        LossyChainScenario.Result result = scenario.run(lossyChain);
        counter.events += result.events();
        return result.bytesDelivered();
    }

    /** Scale: 500 chains of 3 hops, 2,000 engines on one queue, 20 kB per chain at 1% loss. */
    private final ManyChainsScenario manyChains = new ManyChainsScenario();
    private final ManyChainsScenario.Params manyChainsParams = new ManyChainsScenario.Params(500, 3, 0.01, 20,
            10_000_000L, 5_000_000L, 64 * 1024, 60_000_000_000L, 3);

    @Benchmark
    public long manyChains(Events counter) {
        ManyChainsScenario.Result result = manyChains.run(manyChainsParams);
        counter.events += result.events();
        return result.bytesDelivered();
    }

    @Benchmark
    public long eventLoop(Events counter) {
        Simulator simulator = new Simulator(7);
        SplittableRandom random = new SplittableRandom(7);
        Runnable tick = new Runnable() {
            @Override
            public void run() {
                simulator.schedule(simulator.now() + 1 + random.nextInt(1_000_000), this);
            }
        };
        for (int i = 0; i < PENDING; i++) {
            simulator.schedule(random.nextInt(1_000_000), tick);
        }
        simulator.runUntil(Long.MAX_VALUE, () -> simulator.events() >= LOOP_EVENTS);
        counter.events += simulator.events();
        return simulator.now();
    }
}
