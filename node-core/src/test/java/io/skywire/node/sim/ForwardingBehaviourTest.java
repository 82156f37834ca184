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
    void ownFlowKeepsItsRateAndLatencyWhileForwardingTakesOnlyTheSpareCapacity() {
        SpareCapacityScenario.Params params = SpareCapacityScenario.Params.defaults();
        SpareCapacityScenario.Result result = new SpareCapacityScenario().run(params);
        LOG.info("spare-capacity: {}", result.toJson());
        SpareCapacityScenario.Run run = result.paced();
        assertThat(run.ownRefused()).isZero();
        assertThat(run.ownAloneBps()).isGreaterThan(0.95 * params.ownBitsPerSecond());
        assertThat(run.ownRateRatio()).isGreaterThanOrEqualTo(0.95);
        // Loaded: forwarding fills what the own flow leaves, up to the cap, and the link is busy.
        assertThat(run.forwardedLoadedBps())
                .isGreaterThan(0.85 * (params.uplinkBitsPerSecond() - params.ownBitsPerSecond()));
        assertThat(run.linkUtilisation()).isGreaterThan(0.9);
        // The own flow's latency: within twice its idle worst, not behind the modem's queue.
        assertThat(run.ownLoadedWorstLatency()).isLessThanOrEqualTo(2 * run.ownAloneWorstLatency());
        // After the own flow stops, forwarding takes the spare capacity back within a second, never above the cap.
        assertThat(run.recoveryNanos()).isBetween(0L, 1_000_000_000L);
        assertThat(run.forwardedAfterBps()).isGreaterThan(0.9 * params.forwardCapBitsPerSecond());
        assertThat(run.forwardedPeakWindowBps()).isLessThanOrEqualTo(1.05 * params.forwardCapBitsPerSecond());
        // Without the capacity, the queue forms in the modem and the own flow waits behind forwarded bulk.
        assertThat(result.unpaced().ownLoadedMeanLatency()).isGreaterThan(5 * run.ownLoadedMeanLatency());
    }

    @Test
    void routeSearchCrossesTheRingAsOneHopAndTrafficEntersAndLeavesAtTheChosenMembers() {
        RingScenario.Result result = new RingScenario().run(RingScenario.Params.defaults());
        LOG.info("ring: {}", result.toJson());
        // Search: O - M0 =ring=> M3 - D, three hops; the setup goes round the shorter way, through M4.
        assertThat(result.searchHops()).containsExactly("M0", "M3", "D");
        assertThat(result.entry()).isEqualTo("M0");
        assertThat(result.exit()).isEqualTo("M3");
        assertThat(result.setupPath()).containsExactly("M0", "M4", "M3", "D");
        assertThat(result.passed()).containsExactly("M4");
        // Priced high, the ring is not used: the plain chain is.
        assertThat(result.dearRingSetupPath()).containsExactly("Q0", "Q1", "Q2", "D");
        assertThat(result.crossed()).isTrue();
        assertThat(result.bytesDelivered()).isEqualTo(RingScenario.Params.defaults().kilobytes() * 1_000);
        // The stream went over the two segments between the entry and the exit, and over no other.
        long stream = result.bytesSent();
        assertThat(result.segmentRelayBytes().get("M3-M4")).isGreaterThan(stream);
        assertThat(result.segmentRelayBytes().get("M4-M0")).isGreaterThan(stream);
        assertThat(result.segmentRelayBytes().get("M0-M1")).isLessThan(stream / 10);
        assertThat(result.segmentRelayBytes().get("M1-M2")).isLessThan(stream / 10);
        assertThat(result.segmentRelayBytes().get("M2-M3")).isLessThan(stream / 10);
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
        Map<String, Map<String, String>> quick = new java.util.HashMap<>(Map.of(
                "congestion", Map.of("megabytes", "1", "measure-from-ms", "1000", "measure-to-ms", "2000"),
                "qos", Map.of("messages", "5"),
                "dead-node", Map.of("die-at-ms", "300"),
                "lossy-chain", Map.of("hops", "3", "megabytes", "0.1"),
                "many-chains", Map.of("chains", "20", "kilobytes", "10", "loss", "0.05"),
                "virtual-route", Map.of("routes", "20", "kilobytes", "4"),
                "tunnel-group", Map.of("megabytes", "1", "far-detect-ms", "500"),
                "asymmetric-link", Map.of("megabytes", "1", "loss", "0.05"),
                "directory", Map.of("nodes", "60", "gateways", "4", "forgers", "4")));
        quick.put("spare-capacity", Map.of("phase-ms", "500"));
        quick.put("ring", Map.of("kilobytes", "50"));
        quick.put("sync", Map.of("nodes", "60", "followers", "8"));
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
                "spare-capacity", "ring", "sync");
        Scenario congestion = ScenarioRegistry.find("congestion").orElseThrow();
        assertThatThrownBy(() -> congestion.run(Map.of("nope", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> congestion.run(Map.of("slowdown", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--slowdown");
    }
}
