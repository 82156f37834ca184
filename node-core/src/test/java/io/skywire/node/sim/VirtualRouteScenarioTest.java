package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A route used as a link carries 1,000 routes while its middle nodes hold only its own entry. */
class VirtualRouteScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualRouteScenarioTest.class);

    @Test
    void aThreeHopVirtualRouteCarriesAThousandRoutesWithOneEntryAtEachMiddleNode() {
        VirtualRouteScenario.Params params = VirtualRouteScenario.Params.defaults();
        VirtualRouteScenario.Result result = new VirtualRouteScenario().run(params);
        LOG.info("virtual-route: {}", result.toJson());
        assertThat(result.carrierEstablished()).isTrue();
        assertThat(result.middleNodes()).hasSize(2);
        for (VirtualRouteScenario.MiddleNode middle : result.middleNodes()) {
            assertThat(middle.routeEntries()).isEqualTo(1);
            assertThat(middle.datagramsForward()).isPositive();
            // The inner payloads crossed it, with what carries them: not far above the bytes delivered.
            assertThat(middle.bytesForward()).isBetween(result.bytesDelivered(), result.bytesDelivered() * 3 / 2);
        }
        assertThat(result.innerRoutesCarried()).isEqualTo(1_000);
        assertThat(result.innerRoutesComplete()).isEqualTo(1_000);
        assertThat(result.bytesDelivered()).isEqualTo(1_000L * result.bytesPerRoute());
        assertThat(result.minBytesPerRoute()).isEqualTo(result.bytesPerRoute());
        assertThat(result.maxBytesPerRoute()).isEqualTo(result.bytesPerRoute());
        assertThat(result.exactlyOnce()).isTrue();
        // The carrier's ends hold the carrier and every inner route.
        assertThat(result.carrierEndRouteEntries()).isEqualTo(1_001);
        assertThat(result.virtualDatagramsReceived()).isPositive();
        assertThat(result.carrierMalformed()).isZero();
    }
}
