package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.engine.FailureReason;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Back-pressure, QoS and failure reporting, each shown by its scenario (the ones {@code skywire sim} runs). */
class ForwardingBehaviourTest {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardingBehaviourTest.class);

    @Test
    void slowLastHopBackPressuresTheOriginWithoutDropsAndWithinBuffers() {
        CongestionScenario.Params params = CongestionScenario.Params.defaults();
        CongestionScenario.Result result = new CongestionScenario().run(params);
        LOG.info("congestion: {}", result.toJson());
        assertThat(result.droppedMessages()).isZero();
        assertThat(result.intact()).isTrue();
        assertThat(result.buffers()).hasSize(params.hops() + 1).allMatch(CongestionScenario.NodeBuffer::withinBound);
        assertThat(result.rateRatio()).isBetween(0.85, 1.05);
        assertThat(result.converged()).isTrue();
        // The node before the slow link is where the data waits.
        assertThat(result.buffers().get(params.hops() - 1).peakBufferedBytes())
                .isGreaterThan(params.routeBufferBytes() / 2);
    }

    @Test
    void realTimeLatencyStaysWithinTwiceIdleWhileBulkSaturatesTheSameLinks() {
        QosScenario.Result result = new QosScenario().run(QosScenario.Params.defaults());
        LOG.info("qos: {}", result.toJson());
        assertThat(result.idle().latenciesNanos()).hasSize(result.messagesSent());
        assertThat(result.loaded().latenciesNanos()).hasSize(result.messagesSent());
        // Saturated: the bulk route got most of the link while the real-time messages were measured.
        assertThat(result.loaded().bulkBitsPerSecond()).isGreaterThan(0.8 * result.linkBitsPerSecond());
        assertThat((double) result.loaded().worst()).isLessThanOrEqualTo(2 * result.idle().mean());
        assertThat(result.withinTwice()).isTrue();
    }

    @Test
    void originLearnsThatAMiddleNodeDiedWithinAFewRoundTrips() {
        DeadNodeScenario.Result result = new DeadNodeScenario().run(DeadNodeScenario.Params.defaults());
        LOG.info("dead-node: {}", result.toJson());
        assertThat(result.deliveredBeforeDeath()).isTrue();
        assertThat(result.learned()).isTrue();
        assertThat(result.reason()).isEqualTo(FailureReason.NEXT_HOP_UNREACHABLE.name());
        assertThat(result.routeRtts()).isLessThan(6);
        assertThat(result.routesLeftBeforeVictim()).isZero();
    }

    @Test
    void everyScenarioPrintsTheSameJsonForTheSameSeed() {
        Map<String, Map<String, String>> quick = Map.of(
                "congestion", Map.of("megabytes", "1", "measure-from-ms", "1000", "measure-to-ms", "2000"),
                "qos", Map.of("messages", "5"),
                "dead-node", Map.of("die-at-ms", "300"),
                "lossy-chain", Map.of("hops", "3", "megabytes", "0.1"),
                "many-chains", Map.of("chains", "20", "kilobytes", "10", "loss", "0.05"),
                "virtual-route", Map.of("routes", "20", "kilobytes", "4"),
                "tunnel-group", Map.of("megabytes", "1", "far-detect-ms", "500"),
                "asymmetric-link", Map.of("megabytes", "1", "loss", "0.05"),
                "directory", Map.of("nodes", "60", "gateways", "4", "forgers", "4"),
                "sync", Map.of("nodes", "60", "followers", "8"));
        for (Map.Entry<String, Map<String, String>> entry : quick.entrySet()) {
            Scenario scenario = ScenarioRegistry.find(entry.getKey()).orElseThrow();
            String first = scenario.run(entry.getValue()).toJson();
            String second = scenario.run(entry.getValue()).toJson();
            assertThat(second).as(entry.getKey()).isEqualTo(first);
            assertThat(first).as(entry.getKey()).startsWith("{").endsWith("}");
        }
    }

    @Test
    void registryNamesEveryIssueScenarioAndRefusesUnknownParameters() {
        assertThat(ScenarioRegistry.all()).extracting(Scenario::name)
                .containsExactly("lossy-chain", "congestion", "qos", "dead-node", "many-chains",
                "route-group", "tunnel-group", "virtual-route", "asymmetric-link", "dht", "pex", "directory",
                "sync");
        Scenario congestion = ScenarioRegistry.find("congestion").orElseThrow();
        assertThatThrownBy(() -> congestion.run(Map.of("nope", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> congestion.run(Map.of("slowdown", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--slowdown");
    }
}
