package io.skywire.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.sim.DhtSimulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small deterministic networks in the DHT simulator: joins, record and provider lookups, absent keys. */
final class KademliaNetworkTest {

    private static final long SECOND = 1_000_000_000L;

    private static DhtSimulation network(int nodes, long seed) {
        DhtSimulation sim = new DhtSimulation(DhtConfig.defaults().withQueryTimeoutNanos(SECOND),
                DhtSimulation.millis(5), DhtSimulation.millis(50), 0, seed);
        sim.addNode();
        for (int i = 1; i < nodes; i++) {
            sim.join(sim.randomLive());
            sim.runUntil(sim.now() + 100 * DhtSimulation.millis(1));
        }
        sim.runUntil(sim.now() + 30 * SECOND);
        return sim;
    }

    @Test
    void everyNodeFindsEveryOthersRecord() {
        DhtSimulation sim = network(60, 1);
        List<LookupResult> results = new ArrayList<>();
        sim.onResult((node, result) -> results.add(result));
        int started = 0;
        for (DhtSimulation.Node origin : sim.all()) {
            for (int j = 1; j <= 10; j++) {
                DhtSimulation.Node target = sim.all().get((origin.index() + j * 5) % sim.all().size());
                sim.act(origin, dht -> dht.lookupRecord(sim.now(), target.key().nodeId()));
                started++;
            }
        }
        sim.runUntil(sim.now() + 30 * SECOND);
        assertThat(results).hasSize(started).allSatisfy(result -> {
            assertThat(result.found()).isTrue();
            assertThat(result.records().get(0).dhtKey()).isEqualTo(result.target());
            assertThat(result.hops()).isBetween(0, 6);
        });
        assertThat(sim.total(DhtCounter.MALFORMED)).isZero();
        assertThat(sim.total(DhtCounter.UNSOLICITED_ANSWER)).isZero();
        // Each record is held by others besides its owner after the join's STORE.
        assertThat(sim.all().stream().mapToInt(n -> n.dht().storedRecords()).sum()).isGreaterThan(60 * 10);
    }

    @Test
    void anAbsentKeyEndsNotFoundAfterABoundedNumberOfQueries() {
        DhtSimulation sim = network(80, 2);
        List<LookupResult> results = new ArrayList<>();
        sim.onResult((node, result) -> results.add(result));
        DhtSimulation.Node origin = sim.all().get(3);
        for (int i = 0; i < 5; i++) {
            byte[] absent = new byte[32];
            sim.random().nextBytes(absent);
            sim.act(origin, dht -> dht.lookupRecord(sim.now(), DhtKey.of(absent)));
        }
        long started = sim.now();
        sim.runUntil(started + 30 * SECOND);
        assertThat(results).hasSize(5).allSatisfy(result -> {
            assertThat(result.found()).isFalse();
            assertThat(result.closest()).hasSize(20);
            // Kademlia's termination: the 20 closest answered, plus the few asked on the way there.
            assertThat(result.queries()).isBetween(20, 40);
            assertThat(result.elapsedNanos()).isLessThan(5 * SECOND);
        });
    }

    @Test
    void providersOfAServiceAreFoundByTheHashOfItsKey() {
        DhtSimulation sim = network(50, 3);
        byte[] serviceKey = new byte[33];
        serviceKey[0] = 2;
        DhtKey service = DhtKey.ofService(serviceKey);
        for (int i = 0; i < 3; i++) {
            DhtSimulation.Node provider = sim.all().get(10 + i);
            sim.act(provider, dht -> dht.announceProvider(sim.now(), service));
        }
        sim.runUntil(sim.now() + 10 * SECOND);
        List<LookupResult> results = new ArrayList<>();
        sim.onResult((node, result) -> results.add(result));
        sim.act(sim.all().get(40), dht -> dht.findProviders(sim.now(), service));
        sim.act(sim.all().get(41), dht -> dht.findProviders(sim.now(), DhtKey.ofService(new byte[] {9})));
        sim.runUntil(sim.now() + 10 * SECOND);
        assertThat(results).hasSize(2);
        LookupResult found = results.stream().filter(r -> r.target().equals(service)).findFirst().orElseThrow();
        assertThat(found.records()).extracting(NodeRecord::nodeKey).containsExactlyInAnyOrder(
                sim.all().get(10).key().nodeId(), sim.all().get(11).key().nodeId(), sim.all().get(12).key().nodeId());
        LookupResult absent = results.stream().filter(r -> !r.target().equals(service)).findFirst().orElseThrow();
        assertThat(absent.found()).isFalse();
    }

    @Test
    void deadNodesLeaveTheTablesAndLookupsStillSucceed() {
        DhtSimulation sim = network(80, 4);
        List<DhtSimulation.Node> victims = new ArrayList<>(sim.all().subList(0, 16));
        victims.forEach(sim::kill);
        List<LookupResult> results = new ArrayList<>();
        sim.onResult((node, result) -> results.add(result));
        for (int i = 0; i < 100; i++) {
            DhtSimulation.Node origin = sim.live().get(i % sim.live().size());
            DhtSimulation.Node target = sim.live().get((i * 7 + 3) % sim.live().size());
            if (origin != target) {
                sim.act(origin, dht -> dht.lookupRecord(sim.now(), target.key().nodeId()));
            }
        }
        sim.runUntil(sim.now() + 60 * SECOND);
        assertThat(results).isNotEmpty().allSatisfy(result -> assertThat(result.found()).isTrue());
        assertThat(sim.total(DhtCounter.QUERIES_TIMED_OUT)).isPositive();
    }
}
