package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A transfer over a one-way link completes, its acknowledgements and credit having come back over a route. */
class AsymmetricLinkScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(AsymmetricLinkScenarioTest.class);

    @Test
    void aLossyOneWayLinkDeliversEveryByteWithAcksOverTheReturnRoute() {
        AsymmetricLinkScenario.Params d = AsymmetricLinkScenario.Params.defaults();
        AsymmetricLinkScenario.Params params = new AsymmetricLinkScenario.Params(2, 0.02, d.oneWayBitsPerSecond(),
                d.oneWayDelayNanos(), d.returnBitsPerSecond(), d.returnDelayNanos(), d.routeBufferBytes(),
                d.maxNanos(), 7);
        AsymmetricLinkScenario.Result result = new AsymmetricLinkScenario().run(params);
        LOG.info("asymmetric-link: {}", result.toJson());
        assertThat(result.complete()).isTrue();
        assertThat(result.bytesDelivered()).isEqualTo(result.bytesRequested());
        assertThat(result.intact()).isTrue();
        // B never transmitted on the direction that does not exist...
        assertThat(result.reverseDirectionDatagrams()).isZero();
        // ...so every acknowledgement and credit A applied came over the return route.
        assertThat(result.returnDatagramsReceived()).isPositive();
        assertThat(result.returnAcks()).isPositive();
        assertThat(result.returnCredits()).isPositive();
        // Losses on the one-way link were recovered by A, which learnt of them only from those acks.
        assertThat(result.oneWayRetransmissions()).isPositive();
        assertThat(result.returnUnknownLink()).isZero();
    }
}
