package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The claims, in simulated time (deterministic, not wall-clock): three disjoint routes carry at least
 * 2.5 times what one carries, and a route killed mid-transfer loses no byte, with and without parity.
 */
class RouteGroupScenarioTest {

    private static RouteGroupScenario.Params params(double killAt, boolean erasure) {
        return new RouteGroupScenario.Params(3, 2, 1, 10_000_000L, 5 * SimTestSupport.MS, killAt, erasure, 21);
    }

    @Test
    void threeRoutesCarryAtLeastTwoAndAHalfTimesOneAndAKilledRouteLosesNoByte() {
        RouteGroupScenario.Result result = new RouteGroupScenario().run(params(0.5, false));
        assertThat(result.groupIntact()).isTrue();
        assertThat(result.ratio()).isGreaterThanOrEqualTo(2.5);
        assertThat(result.routesKilled()).isEqualTo(1);
        assertThat(result.sha256Match()).isTrue();
        assertThat(result.bytesReceived()).isEqualTo(result.bytesSent()).isEqualTo(1_000_000);
        assertThat(result.chunksResent()).as("chunks in flight on the dead route go out again").isPositive();
        assertThat(result.chunksRebuilt()).isZero();
    }

    @Test
    void withParityAKilledRouteLosesNothingAndNothingIsResent() {
        RouteGroupScenario.Result result = new RouteGroupScenario().run(params(0.5, true));
        assertThat(result.groupIntact()).isTrue();
        assertThat(result.routesKilled()).isEqualTo(1);
        assertThat(result.sha256Match()).isTrue();
        assertThat(result.bytesReceived()).isEqualTo(1_000_000);
        assertThat(result.chunksRebuilt() - result.rebuiltThenArrived()).as("chunks only parity brought")
                .isPositive();
        assertThat(result.chunksResent()).isZero();
        // Parity costs one route in three: the group carries about twice one route's data.
        assertThat(result.ratio()).isGreaterThan(1.8);
    }

    @Test
    void sameSeedSameJsonAndParametersAreChecked() {
        Map<String, String> values = Map.of("megabytes", "0.3", "kill-at", "0.4");
        String first = new RouteGroupScenario().run(values).toJson();
        assertThat(new RouteGroupScenario().run(values).toJson()).isEqualTo(first);
        assertThat(first).contains("\"scenario\":\"route-group\"", "\"sha256Match\":true");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RouteGroupScenario().run(Map.of("routes", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--routes");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RouteGroupScenario()
                .run(Map.of("erasure", "yes"))).isInstanceOf(IllegalArgumentException.class);
    }
}
