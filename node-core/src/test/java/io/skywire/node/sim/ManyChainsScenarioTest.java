package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thousands of engines in one simulator: every chain's transfer arrives intact. */
class ManyChainsScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(ManyChainsScenarioTest.class);

    @Test
    void twoThousandNodesInFiveHundredLossyChainsAllDeliverIntact() {
        ManyChainsScenario.Params params = ManyChainsScenario.Params.defaults();
        ManyChainsScenario.Result result = new ManyChainsScenario().run(params);
        LOG.info("many-chains: {}", result.toJson());
        assertThat(result.nodes()).isEqualTo(2_000);
        assertThat(result.chainsComplete()).isEqualTo(params.chains());
        assertThat(result.bytesDelivered()).isEqualTo(result.bytesRequested());
        assertThat(result.allIntact()).isTrue();
        // 1% loss on 2,000 nodes' links: recovery did happen, at many hops.
        assertThat(result.retransmissions()).isPositive();
    }
}
