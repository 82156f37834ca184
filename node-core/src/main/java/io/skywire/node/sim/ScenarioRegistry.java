package io.skywire.node.sim;

import java.util.List;
import java.util.Optional;

/** Every scenario the simulator can run, by name, for {@code skywire sim --list} and {@code skywire sim NAME}. */
public final class ScenarioRegistry {

    private static final List<Scenario> SCENARIOS = List.of(new LossyChainScenario(), new CongestionScenario(),
            new QosScenario(), new DeadNodeScenario(), new ManyChainsScenario(), new RouteGroupScenario(),
            new TunnelGroupScenario(), new VirtualRouteScenario(), new AsymmetricLinkScenario(), new DhtScenario(),
            new PexScenario(), new DirectoryScenario(),
            new SpareCapacityScenario(), new RingScenario(), new SyncScenario(),
            new BufferExperimentScenario());

    private ScenarioRegistry() {
    }

    /** All scenarios, in a stable order. */
    public static List<Scenario> all() {
        return SCENARIOS;
    }

    /** The scenario with this name. */
    public static Optional<Scenario> find(String name) {
        return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
