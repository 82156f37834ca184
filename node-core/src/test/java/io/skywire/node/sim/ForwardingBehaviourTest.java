package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.engine.BufferPolicy;
import io.skywire.node.engine.BufferSettings;
import io.skywire.node.engine.Counter;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeCounters;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Back-pressure, QoS and failure reporting, each shown by its scenario (the ones {@code skywire sim} runs). */
class ForwardingBehaviourTest {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardingBehaviourTest.class);
    private static final long MS = 1_000_000L;

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
    void perSenderBuffersDeliverEveryRouteExactlyOnceThroughACongestedLossyChain() {
        // Small buffers, a last link ten times slower and 5% loss everywhere, so both middle hops block their
        // senders again and again, and BLOCK and UNBLOCK frames are lost and resent.
        Simulator simulator = new Simulator(17);
        EngineConfig config = EngineConfig.defaults().withBuffers(new BufferSettings(BufferPolicy.PER_SENDER_BUFFER,
                64 * 1024, BufferSettings.DEFAULT_BLOCK_TIMEOUT_NANOS));
        LinkProfile fast = LinkProfile.of(10_000_000L, 5 * MS, 0.05);
        LinkProfile slow = LinkProfile.of(1_000_000L, 5 * MS, 0.05);
        List<SimNode> chain = List.of(simulator.addNode(config), simulator.addNode(config), simulator.addNode(config),
                simulator.addNode(config));
        simulator.connect(chain.get(0), chain.get(1), fast, fast, EngineConfig.DEFAULT_MTU);
        simulator.connect(chain.get(1), chain.get(2), fast, fast, EngineConfig.DEFAULT_MTU);
        simulator.connect(chain.get(2), chain.get(3), slow, slow, EngineConfig.DEFAULT_MTU);
        ManyRoutesTransfer transfer = new ManyRoutesTransfer(chain.get(0), chain.get(3), 12, 40_000, 17);
        transfer.open(new RouteSpec(Chains.pathFrom(chain, 0), QosClass.BULK, ForwardingMode.STORE_AND_FORWARD,
                32 * 1024));
        simulator.runUntil(120_000 * MS, transfer::complete);

        assertThat(transfer.exactlyOnce()).isTrue();
        long blocks = 0;
        long unblocks = 0;
        for (SimNode node : chain) {
            NodeCounters counters = node.engine().counters();
            blocks += counters.get(Counter.BLOCKS_SENT);
            unblocks += counters.get(Counter.UNBLOCKS_RECEIVED);
            assertThat(counters.get(Counter.DATA_OVER_BUFFER)).isZero();
            assertThat(counters.get(Counter.DATA_REORDER_OVERFLOW)).isZero();
            assertThat(counters.get(Counter.FRAMES_POLICY_MISMATCH)).isZero();
            assertThat(counters.get(Counter.CREDIT_STALE)).isZero();
        }
        LOG.info("per-sender chain: {} BLOCKs sent, {} UNBLOCKs obeyed, {} s", blocks, unblocks, simulator.now() / 1e9);
        assertThat(blocks).isPositive();
        assertThat(unblocks).isPositive();
        // The hop before the slow link, with one upstream neighbour, held at most that sender's hard limit.
        assertThat(chain.get(2).engine().peakBufferedBytes()).isPositive()
                .isLessThanOrEqualTo(config.buffers().hardLimitBytes(config.maxInFlightPackets(), EngineConfig.DEFAULT_MTU));
    }

    @Test
    void bufferExperimentRunsBothPoliciesOnEveryCaseWithEverythingIntact() {
        BufferExperimentScenario.Params defaults = BufferExperimentScenario.Params.defaults();
        BufferExperimentScenario.Result result = new BufferExperimentScenario().run(new BufferExperimentScenario.Params(
                defaults.cases(), 4, 16, defaults.linkBitsPerSecond(), defaults.delayNanos(), defaults.loss(),
                defaults.slowdown(), defaults.routeBufferBytes(), 128 * 1024, 500, 1_000, defaults.seed()));
        LOG.info("buffer-experiment: {}", result.toJson());
        assertThat(result.rows()).hasSize(2 * BufferExperimentScenario.Case.values().length);
        for (BufferExperimentScenario.Row row : result.rows()) {
            assertThat(row.intact()).as(row.scenario() + " " + row.policy()).isTrue();
            assertThat(row.payloadsDropped()).as(row.scenario() + " " + row.policy()).isZero();
            assertThat(row.fairness()).as(row.scenario() + " " + row.policy()).isGreaterThan(0.9);
        }
        for (BufferExperimentScenario.Case which : BufferExperimentScenario.Case.values()) {
            BufferExperimentScenario.Row credit = result.row(which, BufferPolicy.PER_ROUTE_CREDIT);
            BufferExperimentScenario.Row perSender = result.row(which, BufferPolicy.PER_SENDER_BUFFER);
            // Credit fills most of every route's buffer at the hub (16 x 64 KiB); per-sender stops near 4 x 128 KiB.
            assertThat(credit.hubPeakBufferedBytes()).isGreaterThan(16L * 48 * 1024);
            assertThat(perSender.hubPeakBufferedBytes()).isLessThan(credit.hubPeakBufferedBytes());
            assertThat(perSender.hubBlocksSent()).isPositive();
            assertThat(credit.hubBlocksSent()).isZero();
        }
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
        quick.put("buffer-experiment", Map.of("cases", "lossy", "routes", "8", "warmup-ms", "200", "measure-ms", "300"));
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
                "spare-capacity", "ring", "sync", "buffer-experiment");
        Scenario congestion = ScenarioRegistry.find("congestion").orElseThrow();
        assertThatThrownBy(() -> congestion.run(Map.of("nope", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nope");
        assertThatThrownBy(() -> congestion.run(Map.of("slowdown", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--slowdown");
    }
}
