package io.skywire.node.sim;

import io.skywire.node.engine.EngineConfig;
import java.util.ArrayList;
import java.util.List;

/** Builds chains of simulated nodes and the paths along them, for scenarios and tests. */
final class Chains {

    private Chains() {
    }

    /** Adds {@code nodes} nodes and connects each to the next with {@code profile} in both directions. */
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

    /** The route path from {@code chain.get(from)} to the chain's last node: the keys of every later node. */
    static List<byte[]> pathFrom(List<SimNode> chain, int from) {
        List<byte[]> path = new ArrayList<>();
        for (int i = from + 1; i < chain.size(); i++) {
            path.add(chain.get(i).publicKey());
        }
        return path;
    }

    /** Time to put {@code bytes} on a link of {@code bitsPerSecond}, in nanoseconds. */
    static long transmitNanos(int bytes, long bitsPerSecond) {
        return bytes * 8L * 1_000_000_000L / bitsPerSecond;
    }
}
