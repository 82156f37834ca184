package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import java.util.ArrayList;
import java.util.List;

/** Builds small simulated topologies for tests. */
final class SimTestSupport {

    static final long MS = 1_000_000L;

    private SimTestSupport() {
    }

    static List<SimNode> chain(Simulator simulator, int nodes, EngineConfig config, LinkProfile profile) {
        List<SimNode> chain = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            chain.add(simulator.addNode(config));
        }
        for (int i = 0; i + 1 < nodes; i++) {
            simulator.connect(chain.get(i), chain.get(i + 1), profile, profile, EngineConfig.DEFAULT_MTU);
        }
        return chain;
    }

    static List<byte[]> pathFrom(List<SimNode> chain, int from) {
        List<byte[]> path = new ArrayList<>();
        for (int i = from + 1; i < chain.size(); i++) {
            path.add(chain.get(i).publicKey());
        }
        return path;
    }
}
