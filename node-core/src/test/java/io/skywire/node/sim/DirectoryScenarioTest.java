package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The directory from records against the truth: forgers gain no link, fresh records give the true answer. */
class DirectoryScenarioTest {

    @Test
    void forgedClaimsGetNoLinkAndFreshRecordsGiveTheTrueDirectory() {
        DirectoryScenario.Result clean = DirectoryScenario.run(new DirectoryScenario.Params(120, 4, 6, 0, 0, 3));
        assertThat(clean.trueReachable()).isPositive();
        assertThat(clean.listed()).isEqualTo(clean.trueReachable());
        assertThat(clean.listedAtTrueCostCount()).isEqualTo(clean.listed());
        assertThat(clean.oneSided()).isZero();
        assertThat(clean.forgedLinksAccepted()).isZero();

        DirectoryScenario.Result hostile = DirectoryScenario.run(new DirectoryScenario.Params(120, 4, 6, 12, 0.2, 3));
        assertThat(hostile.forgedLinksAccepted()).isZero();
        assertThat(hostile.oneSided()).isPositive();
        assertThat(hostile.listed()).isLessThanOrEqualTo(hostile.trueReachable());
    }

    @Test
    void theRegistryRunsItAndTheSameSeedGivesTheSameJson() {
        Scenario scenario = ScenarioRegistry.find("directory").orElseThrow();
        Map<String, String> small = Map.of("nodes", "60", "gateways", "4", "forgers", "4");
        String json = scenario.run(small).toJson();
        assertThat(json).contains("\"scenario\":\"directory\"").contains("\"forgedLinksAccepted\":0");
        assertThat(scenario.run(small).toJson()).isEqualTo(json);
    }
}
