package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LossyChainScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(LossyChainScenarioTest.class);

    private static LossyChainScenario.Params params(double megabytes, long seed) {
        LossyChainScenario.Params defaults = LossyChainScenario.Params.defaults(LossyChainScenario.Mode.HOP_BY_HOP);
        return new LossyChainScenario.Params(8, 0.5, megabytes, LossyChainScenario.Mode.HOP_BY_HOP, seed,
                defaults.linkBitsPerSecond(), defaults.delayNanos(), defaults.routeBufferBytes(), 0);
    }

    @Test
    void hopByHopDeliversOneMegabyteIntactWhereEndToEndDeliversAFraction() {
        LossyChainScenario.Comparison result = new LossyChainScenario().compare(params(1, 7));
        LOG.info("lossy-chain 1 MB: {}", result.toJson());
        assertThat(result.hopByHop().intactAndInOrder()).isTrue();
        assertThat(result.hopByHop().bytesDelivered()).isEqualTo(1_000_000);
        // One megabyte is short next to the route setup and the pipeline's fill; the 10 MB run shows the rate.
        assertThat(result.hopByHop().goodputFraction()).isGreaterThanOrEqualTo(0.15);
        assertThat(result.endToEnd().simulatedSeconds()).isEqualTo(result.hopByHop().simulatedSeconds());
        assertThat(result.endToEnd().bytesDelivered()).isLessThan(result.hopByHop().bytesDelivered() / 10);
    }

    @Test
    void issueTargetEightHopsHalfLossTenMegabytes() {
        LossyChainScenario.Comparison result = new LossyChainScenario()
                .compare(LossyChainScenario.Params.defaults(LossyChainScenario.Mode.HOP_BY_HOP));
        LOG.info("lossy-chain 10 MB: {}", result.toJson());
        assertThat(result.hopByHop().intactAndInOrder()).isTrue();
        assertThat(result.hopByHop().bytesDelivered()).isEqualTo(10_000_000);
        assertThat(result.hopByHop().goodputFraction()).isGreaterThanOrEqualTo(0.30);
        assertThat(result.endToEnd().bytesDelivered()).isLessThan(result.hopByHop().bytesDelivered() / 20);
        assertThat(result.endToEnd().intactAndInOrder()).isFalse();
    }

    @Test
    void sameSeedGivesTheSameJsonByteForByte() {
        String first = new LossyChainScenario().compare(params(0.3, 11)).toJson();
        String second = new LossyChainScenario().compare(params(0.3, 11)).toJson();
        String otherSeed = new LossyChainScenario().compare(params(0.3, 12)).toJson();
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void registryRunsTheScenarioFromStringParameters() {
        Scenario scenario = ScenarioRegistry.find("lossy-chain").orElseThrow();
        ScenarioResult result = scenario.run(Map.of("hops", "2", "loss", "0.1", "megabytes", "0.2",
                "mode", "hop-by-hop"));
        assertThat(result.toJson()).contains("\"mode\":\"hop-by-hop\"").contains("\"intactAndInOrder\":true");
        assertThat(scenario.parameters()).extracting(ScenarioParameter::name).contains("hops", "loss", "mode", "seed");
    }
}
