package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Peer exchange in the simulator: one bootstrap address is enough for a small network, and runs repeat exactly. */
class PexScenarioTest {

    private static final Map<String, String> SMALL = Map.of("nodes", "20", "until-ms", "60000", "loss", "0.1");

    @Test
    void twentyNodesWithOneBootstrapAddressAllLearnEveryRecordDespiteLoss() {
        PexScenario.Result result = (PexScenario.Result) new PexScenario().run(SMALL);

        assertThat(result.meanKnownFraction()).isEqualTo(1.0);
        assertThat(result.minKnown()).isEqualTo(19);
        assertThat(result.allKnowAllAtNanos()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameJson() {
        assertThat(new PexScenario().run(SMALL).toJson()).isEqualTo(new PexScenario().run(SMALL).toJson());
        assertThat(ScenarioRegistry.find("pex")).isPresent();
    }
}
