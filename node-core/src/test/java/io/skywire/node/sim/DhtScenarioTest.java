package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DHT scenario at 500 nodes under 5% churn per hour: the bar (success at least 99%, median hops at
 * most log2 N) as simulated metrics, and the same JSON for the same seed.
 */
final class DhtScenarioTest {

    @Test
    void fiveHundredNodesUnderChurnFindRecordsAndProviders() {
        DhtScenario.Result result = new DhtScenario().run(
                new DhtScenario.Params(500, 5, 1, 400, 10, 0, 11));
        assertThat(result.lookups()).isEqualTo(400);
        assertThat(result.successRate()).isGreaterThanOrEqualTo(0.99);
        assertThat((double) result.medianHops()).isLessThanOrEqualTo(Math.log(500) / Math.log(2));
        assertThat(result.serviceLookups()).isEqualTo(40);
        assertThat(result.serviceSuccessRate()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.nodesReplaced()).isGreaterThanOrEqualTo(25);
        assertThat(result.liveNodes()).isEqualTo(500);
        assertThat(result.malformed()).isZero();
        assertThat(result.messagesPerLookup()).isBetween(4.0, 100.0);
    }

    @Test
    void theSameSeedGivesTheSameJson() {
        Map<String, String> values = Map.of("nodes", "60", "churn", "20", "hours", "0.2", "lookups", "40",
                "providers", "5", "loss", "0.02");
        String first = new DhtScenario().run(values).toJson();
        assertThat(new DhtScenario().run(values).toJson()).isEqualTo(first);
        assertThat(first).contains("\"scenario\":\"dht\"", "\"nodes\":60", "\"successRate\":");
    }
}
