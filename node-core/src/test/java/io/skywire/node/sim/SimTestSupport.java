package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import java.util.List;

/** Builds small simulated topologies for tests (the scenarios' own builders, under the tests' names). */
final class SimTestSupport {

    static final long MS = 1_000_000L;

    private SimTestSupport() {
    }

    static List<SimNode> chain(Simulator simulator, int nodes, EngineConfig config, LinkProfile profile) {
        return Chains.chain(simulator, nodes, config, profile);
    }

    static List<byte[]> pathFrom(List<SimNode> chain, int from) {
        return Chains.pathFrom(chain, from);
    }
}
