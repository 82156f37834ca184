package io.skywire.node.sim;

import io.skywire.node.discovery.DhtConfig;
import io.skywire.node.discovery.DhtCounter;
import io.skywire.node.discovery.DhtKey;
import io.skywire.node.discovery.LookupHandle;
import io.skywire.node.discovery.LookupResult;
import io.skywire.node.discovery.NodeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kademlia network under churn: N nodes join one after another, C% of them are replaced every simulated hour
 * (new keys, joining through a random live node, spread over the hour), then random live nodes look up the records
 * of random live nodes, and others look for the providers of a service some nodes announce.
 */
public final class DhtScenario implements Scenario {

    private static final long SECOND = 1_000_000_000L;

    /**
     * Parameters of one run.
     *
     * @param nodes              nodes in the network at any time
     * @param churnPercentPerHour share of the nodes replaced per simulated hour
     * @param hours              simulated hours of churn before the lookups
     * @param lookups            record lookups measured (service lookups are a tenth of this, at least 10)
     * @param providers          nodes that announce the service
     * @param loss               probability that a message is lost
     * @param seed               the one seed
     */
    public record Params(int nodes, double churnPercentPerHour, double hours, int lookups, int providers, double loss,
                         long seed) {
        public Params {
            if (nodes < 2 || nodes > 100_000) {
                throw new IllegalArgumentException("--nodes must be 2..100000");
            }
            if (churnPercentPerHour < 0 || churnPercentPerHour > 100) {
                throw new IllegalArgumentException("--churn must be 0..100 (percent per hour)");
            }
            if (hours < 0 || hours > 48) {
                throw new IllegalArgumentException("--hours must be 0..48");
            }
            if (lookups < 1 || lookups > 1_000_000) {
                throw new IllegalArgumentException("--lookups must be 1..1000000");
            }
            if (providers < 1 || providers >= nodes) {
                throw new IllegalArgumentException("--providers must be 1..nodes-1");
            }
            if (loss < 0 || loss >= 0.5) {
                throw new IllegalArgumentException("--loss must be in [0, 0.5)");
            }
        }

        int serviceLookups() {
            return Math.max(10, lookups / 10);
        }
    }

    /** The measurements; the same seed gives the same JSON. */
    public record Result(Params params, int lookups, int found, int[] hops, long messages, int serviceLookups,
                         int serviceFound, int nodesReplaced, int liveNodes, long malformed, long timedOut, long messagesDelivered,
                         double simulatedSeconds) implements ScenarioResult {

        public double successRate() {
            return lookups == 0 ? 0 : (double) found / lookups;
        }

        public double serviceSuccessRate() {
            return serviceLookups == 0 ? 0 : (double) serviceFound / serviceLookups;
        }

        /** Median hops of the successful lookups (the lower middle value). */
        public int medianHops() {
            return percentile(0.5);
        }

        public int p99Hops() {
            return percentile(0.99);
        }

        public double messagesPerLookup() {
            return lookups == 0 ? 0 : (double) messages / lookups;
        }

        private int percentile(double p) {
            if (hops.length == 0) {
                return 0;
            }
            int[] sorted = hops.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "dht").put("nodes", params.nodes())
                    .put("churnPercentPerHour", params.churnPercentPerHour()).put("hours", params.hours())
                    .put("loss", params.loss()).put("seed", params.seed()).put("lookups", lookups)
                    .put("found", found).put("successRate", successRate()).put("medianHops", medianHops())
                    .put("p99Hops", p99Hops()).put("log2Nodes", Math.log(params.nodes()) / Math.log(2))
                    .put("messagesPerLookup", messagesPerLookup()).put("serviceLookups", serviceLookups)
                    .put("serviceFound", serviceFound).put("serviceSuccessRate", serviceSuccessRate())
                    .put("providers", params.providers()).put("nodesReplaced", nodesReplaced)
                    .put("liveNodes", liveNodes).put("malformedMessages", malformed)
                    .put("queriesTimedOut", timedOut).put("messagesDelivered", messagesDelivered).put("simulatedSeconds", simulatedSeconds).toString();
        }
    }

    @Override
    public String name() {
        return "dht";
    }

    @Override
    public String description() {
        return "Kademlia under churn: record and service lookups from random live nodes";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("nodes", "nodes in the network", "1000"),
                new ScenarioParameter("churn", "percent of the nodes replaced per simulated hour", "5"),
                new ScenarioParameter("hours", "simulated hours of churn before the lookups", "1"),
                new ScenarioParameter("lookups", "record lookups measured (service lookups: a tenth)", "1000"),
                new ScenarioParameter("providers", "nodes that announce the service", "20"),
                new ScenarioParameter("loss", "probability that a message is lost", "0"),
                new ScenarioParameter("seed", "random seed", "7"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params((int) args.longValue("nodes"), args.doubleValue("churn"), args.doubleValue("hours"),
                (int) args.longValue("lookups"), (int) args.longValue("providers"), args.doubleValue("loss"),
                args.longValue("seed")));
    }

    /** Builds the network, churns it, measures the lookups. */
    public Result run(Params params) {
        DhtConfig config = DhtConfig.defaults().withQueryTimeoutNanos(SECOND);
        DhtSimulation sim = new DhtSimulation(config, DhtSimulation.millis(10), DhtSimulation.millis(150),
                params.loss(), params.seed());
        Map<Integer, Integer> busy = new HashMap<>();
        Tally tally = new Tally(busy);
        sim.onResult((node, result) -> tally.record(node, result));

        // Joining: one node every 50 ms of virtual time, each through a random node already there.
        long start = sim.now();
        sim.addNode();
        for (int i = 1; i < params.nodes(); i++) {
            sim.runUntil(start + i * 50 * DhtSimulation.millis(1));
            sim.join(sim.randomLive());
        }
        sim.runUntil(sim.now() + 60 * SECOND);

        byte[] serviceKey = new byte[33];
        sim.random().nextBytes(serviceKey);
        DhtKey service = DhtKey.ofService(serviceKey);
        Set<DhtSimulation.Node> providers = new HashSet<>();
        while (providers.size() < params.providers()) {
            DhtSimulation.Node provider = sim.randomLive();
            if (providers.add(provider)) {
                sim.act(provider, dht -> dht.announceProvider(sim.now(), service));
            }
        }
        sim.runUntil(sim.now() + 30 * SECOND);

        long churnSpan = (long) (params.hours() * 3600 * SECOND);
        int replaced = scheduleChurn(sim, params, sim.now(), churnSpan, busy);
        sim.runUntil(sim.now() + churnSpan);

        // Measured lookups, one every 20 ms; churn goes on at the same rate meanwhile.
        long lookupStart = sim.now();
        int serviceLookups = params.serviceLookups();
        int total = params.lookups() + serviceLookups;
        long spacing = 20 * DhtSimulation.millis(1);
        replaced += scheduleChurn(sim, params, lookupStart, total * spacing + 30 * SECOND, busy);
        int every = total / serviceLookups;
        for (int i = 0; i < total; i++) {
            boolean serviceLookup = i % every == 0;
            sim.at(lookupStart + i * spacing, () -> startLookup(sim, tally, busy, serviceLookup, service, providers));
        }
        sim.runUntil(lookupStart + total * spacing + 30 * SECOND);
        return new Result(params, tally.recordLookups, tally.recordFound, tally.hops(), tally.messages,
                tally.serviceLookups, tally.serviceFound, replaced, sim.live().size(),
                sim.total(DhtCounter.MALFORMED), sim.total(DhtCounter.QUERIES_TIMED_OUT), sim.messagesDelivered(),
                (sim.now() - DhtSimulation.EPOCH_START_NANOS) / (double) SECOND);
    }

    /** Schedules the replacement of C% of the nodes per hour over {@code span}, evenly spaced. */
    private static int scheduleChurn(DhtSimulation sim, Params params, long from, long span,
                             Map<Integer, Integer> busy) {
        double perHour = params.nodes() * params.churnPercentPerHour() / 100.0;
        int events = (int) Math.round(perHour * span / (3600.0 * SECOND));
        for (int i = 0; i < events; i++) {
            long at = from + (long) ((i + 0.5) * span / events);
            sim.at(at, () -> {
                DhtSimulation.Node victim = sim.randomLive();
                if (busy.containsKey(victim.index())) {
                    return; // a node measuring a lookup stays until its answer
                }
                sim.kill(victim);
                sim.join(sim.randomLive());
            });
        }
        return events;
    }

    private static void startLookup(DhtSimulation sim, Tally tally, Map<Integer, Integer> busy,
                                    boolean serviceLookup, DhtKey service, Set<DhtSimulation.Node> providers) {
        DhtSimulation.Node origin = sim.randomLive();
        if (serviceLookup) {
            LookupHandle handle = sim.act(origin, dht -> dht.findProviders(sim.now(), service));
            tally.expect(origin, handle, null, providers);
        } else {
            DhtSimulation.Node target = sim.randomLive();
            while (target == origin) {
                target = sim.randomLive();
            }
            DhtKey key = DhtSimulation.idOf(target);
            LookupHandle handle = sim.act(origin, dht -> dht.lookupRecord(sim.now(), key));
            tally.expect(origin, handle, target, null);
        }
        busy.merge(origin.index(), 1, Integer::sum);
    }

    /** What the measured lookups found. */
    private static final class Tally {
        private record Expected(DhtSimulation.Node target, Set<DhtSimulation.Node> providers) {
        }

        final Map<String, Expected> expected = new HashMap<>();
        final Map<String, LookupResult> unclaimed = new HashMap<>();
        final Map<Integer, Integer> busy;
        final List<Integer> hops = new ArrayList<>();
        int recordLookups;
        int recordFound;
        int serviceLookups;
        int serviceFound;
        long messages;

        Tally(Map<Integer, Integer> busy) {
            this.busy = busy;
        }

        void expect(DhtSimulation.Node origin, LookupHandle handle, DhtSimulation.Node target,
                    Set<DhtSimulation.Node> providers) {
            String key = origin.index() + "/" + handle.id();
            expected.put(key, new Expected(target, providers));
            LookupResult early = unclaimed.remove(key);
            if (early != null) {
                record(origin, early); // answered from the origin's own store, before start returned
            }
        }

        void record(DhtSimulation.Node node, LookupResult result) {
            String key = node.index() + "/" + result.handle().id();
            Expected wanted = expected.remove(key);
            if (wanted == null) {
                if (result.handle().id() > 1) {
                    unclaimed.put(key, result); // handle 1 is the node's join
                }
                return;
            }
            busy.computeIfPresent(node.index(), (index, count) -> count > 1 ? count - 1 : null);
            messages += result.queries() + result.responses();
            if (wanted.target != null) {
                recordLookups++;
                boolean found = result.records().stream()
                        .anyMatch(r -> r.nodeKey().equals(wanted.target.key().nodeId()));
                if (found) {
                    recordFound++;
                    hops.add(result.hops());
                }
            } else {
                serviceLookups++;
                for (NodeRecord record : result.records()) {
                    boolean live = wanted.providers.stream()
                            .anyMatch(p -> p.alive() && p.key().nodeId().equals(record.nodeKey()));
                    if (live) {
                        serviceFound++;
                        break;
                    }
                }
            }
        }

        int[] hops() {
            return hops.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
