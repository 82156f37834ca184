package io.skywire.node.sim;

import io.skywire.node.discovery.DhtConfig;
import io.skywire.node.discovery.DhtKey;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.service.HostMessages;
import io.skywire.node.service.MessageCodec;
import io.skywire.node.service.ServiceFrames;
import io.skywire.node.service.TopicPeers;
import io.skywire.node.service.sync.LogEntry;
import io.skywire.node.service.sync.SignedLog;
import io.skywire.node.service.sync.SyncMessages;
import io.skywire.node.service.sync.SyncNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The sync service over a Kademlia network (issue 9): N nodes join a DHT (the real {@code Kademlia} with its encoded
 * messages, as in {@code dht}); F of them follow one log key, announce themselves as providers of the key's hash and
 * look the other providers up; the service's peer exchange widens what each found; then the log's owner appends an
 * entry and the followers' {@link SyncNode}s exchange their messages, encoded and decoded through the service codec,
 * one round per delivery step. Forgers follow too, and push entries they signed for the log's key to every peer.
 * Prints the rounds from the last append until every honest follower holds every entry (bounded by
 * {@link #MAX_ROUNDS}), whether every log verifies, and how many honest followers hold a forged entry (zero).
 */
public final class SyncScenario implements Scenario {

    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_ROUNDS = 100;
    private static final int PEX_ROUNDS = 5;

    /**
     * @param nodes     nodes in the DHT
     * @param followers honest nodes following the key (the owner is one of them)
     * @param forgers   further followers that forge entries
     * @param entries   entries the owner appends, one per round from round 0
     * @param seed      the one seed
     */
    public record Params(int nodes, int followers, int forgers, int entries, long seed) {
        public Params {
            if (nodes < 3 || nodes > 20_000) {
                throw new IllegalArgumentException("--nodes must be 3..20000");
            }
            if (followers < 2 || followers + forgers > nodes) {
                throw new IllegalArgumentException("--followers must be at least 2 and followers + forgers <= nodes");
            }
            if (forgers < 0 || forgers > 100) {
                throw new IllegalArgumentException("--forgers must be 0..100");
            }
            if (entries < 1 || entries > 1_000) {
                throw new IllegalArgumentException("--entries must be 1..1000");
            }
        }
    }

    /** The measurements; the same seed gives the same JSON. */
    public record Result(Params params, int rounds, int reached, boolean allVerified, int forgedHeld,
                         int forgersReported, int providersFoundMin, double providersFoundMean, int peersMin,
                         double peersMean, long messages, long bytes, long refused, long heads, long requests,
                         long entryMessages) implements ScenarioResult {

        /** Every honest follower holds every entry within the bound. */
        public boolean converged() {
            return reached == params.followers();
        }

        @Override
        public String toJson() {
            return new Json().put("scenario", "sync").put("nodes", params.nodes())
                    .put("followers", params.followers()).put("forgers", params.forgers())
                    .put("entries", params.entries()).put("seed", params.seed()).put("rounds", rounds)
                    .put("roundBound", MAX_ROUNDS).put("followersReached", reached).put("converged", converged())
                    .put("allVerified", allVerified).put("forgedEntryHeldBy", forgedHeld)
                    .put("forgerReports", forgersReported).put("dhtProvidersFoundMin", providersFoundMin)
                    .put("dhtProvidersFoundMean", providersFoundMean).put("peersAfterPexMin", peersMin)
                    .put("peersAfterPexMean", peersMean).put("syncMessages", messages).put("heads", heads)
                    .put("requests", requests).put("entriesMessages", entryMessages).put("syncBytes", bytes)
                    .put("messagesRefused", refused).toString();
        }
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String description() {
        return "signed-log sync: followers find each other in the DHT, an appended entry reaches them all, a forged one none";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(
                new ScenarioParameter("nodes", "nodes in the DHT", "500"),
                new ScenarioParameter("followers", "honest nodes following the key (the owner included)", "50"),
                new ScenarioParameter("forgers", "followers that push entries they forged", "2"),
                new ScenarioParameter("entries", "entries the owner appends, one per round", "1"),
                new ScenarioParameter("seed", "random seed", "7"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params((int) args.longValue("nodes"), (int) args.longValue("followers"),
                (int) args.longValue("forgers"), (int) args.longValue("entries"), args.longValue("seed")));
    }

    private static final class Follower {
        final DhtSimulation.Node node;
        final NodeId id;
        final boolean forger;
        final SyncNode sync = new SyncNode(10_000);
        final TopicPeers topics;
        int providersFound = -1;
        int reports;

        Follower(DhtSimulation.Node node, boolean forger, long seed) {
            this.node = node;
            this.id = node.key().nodeId();
            this.forger = forger;
            this.topics = new TopicPeers(id, new Random(seed));
        }
    }

    /** Builds the DHT, lets the followers find each other, then syncs in rounds. */
    public Result run(Params params) {
        DhtConfig config = DhtConfig.defaults().withQueryTimeoutNanos(SECOND);
        DhtSimulation sim = new DhtSimulation(config, DhtSimulation.millis(10), DhtSimulation.millis(150), 0,
                params.seed());
        long start = sim.now();
        sim.addNode();
        for (int i = 1; i < params.nodes(); i++) {
            sim.runUntil(start + i * 20 * DhtSimulation.millis(1));
            sim.join(sim.randomLive());
        }
        sim.runUntil(sim.now() + 30 * SECOND);

        // Followers: distinct random nodes; the first is the log's owner (the log is its node key's).
        List<DhtSimulation.Node> live = new ArrayList<>(sim.live());
        Map<NodeId, Follower> followers = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        int total = params.followers() + params.forgers();
        while (followers.size() < total) {
            DhtSimulation.Node node = live.get(sim.random().nextInt(live.size()));
            if (taken.add(node.index())) {
                Follower follower = new Follower(node, followers.size() >= params.followers(), params.seed()
                        + node.index());
                followers.put(follower.id, follower);
            }
        }
        NodeKeyPair owner = followers.values().iterator().next().node.key();
        NodeId logKey = owner.nodeId();
        byte[] topic = DhtKey.ofService(logKey.key()).bytes();
        DhtKey service = DhtKey.of(topic);
        followers.values().forEach(follower -> follower.sync.follow(logKey));
        for (Follower follower : followers.values()) {
            sim.act(follower.node, dht -> dht.announceProvider(sim.now(), service));
        }
        sim.runUntil(sim.now() + 20 * SECOND);

        // find(keyHash): each follower looks the providers up.
        Map<Integer, Follower> byIndex = new HashMap<>();
        followers.values().forEach(follower -> byIndex.put(follower.node.index(), follower));
        sim.onResult((node, result) -> {
            Follower follower = byIndex.get(node.index());
            if (follower != null && result.target().equals(service) && follower.providersFound < 0) {
                follower.providersFound = 0;
                for (NodeRecord record : result.records()) {
                    if (follower.topics.add(topic, record.nodeKey())) {
                        follower.providersFound++;
                    }
                }
            }
        });
        for (Follower follower : followers.values()) {
            sim.act(follower.node, dht -> dht.findProviders(sim.now(), service));
        }
        sim.runUntil(sim.now() + 30 * SECOND);

        // Peer exchange inside the service: each follower asks the peers it knows, a few rounds.
        for (int round = 0; round < PEX_ROUNDS; round++) {
            Map<NodeId, List<HostMessages.Peers>> answers = new HashMap<>();
            for (Follower asker : followers.values()) {
                for (NodeId peer : asker.topics.peers(topic)) {
                    Follower answerer = followers.get(peer);
                    if (answerer != null) {
                        answerer.topics.add(topic, asker.id);
                        answers.computeIfAbsent(asker.id, k -> new ArrayList<>())
                                .add(answerer.topics.answer(topic, asker.id));
                    }
                }
            }
            for (Map.Entry<NodeId, List<HostMessages.Peers>> entry : answers.entrySet()) {
                entry.getValue().forEach(answer -> followers.get(entry.getKey()).topics.learn(answer));
            }
        }
        for (Follower follower : followers.values()) {
            follower.topics.peers(topic).stream().filter(followers::containsKey).sorted(
                    java.util.Comparator.comparing(NodeId::hex)).forEach(peer -> follower.sync.addPeer(logKey, peer));
        }

        return sync(params, owner, logKey, followers);
    }

    private static Result sync(Params params, NodeKeyPair owner, NodeId logKey, Map<NodeId, Follower> followers) {
        MessageCodec codec = new MessageCodec(SyncMessages.ALL);
        Follower ownerFollower = followers.values().iterator().next();
        Set<LogEntry> forged = new HashSet<>();
        long messages = 0;
        long bytes = 0;
        long refused = 0;
        java.util.TreeMap<String, Long> byType = new java.util.TreeMap<>();
        int rounds = -1;
        List<SyncNode.Outgoing> inFlight = new ArrayList<>();
        List<NodeId> inFlightFrom = new ArrayList<>();
        int lastAppend = params.entries() - 1;
        for (int round = 0; round <= lastAppend + MAX_ROUNDS; round++) {
            if (round < params.entries()) {
                SignedLog log = ownerFollower.sync.log(logKey);
                ownerFollower.sync.append(LogEntry.append(owner, log.head(),
                        ("entry " + (round + 1)).getBytes(StandardCharsets.UTF_8)));
            }
            // Deliver what was sent last round, encoded and decoded as on a route.
            for (int i = 0; i < inFlight.size(); i++) {
                SyncNode.Outgoing out = inFlight.get(i);
                Follower to = followers.get(out.to());
                byte[] frame = codec.encode(out.message());
                messages++;
                byType.merge(out.message().getClass().getSimpleName(), 1L, Long::sum);
                bytes += frame.length;
                MessageCodec.Decoded decoded;
                try {
                    List<ServiceFrames.Frame> frames = new ServiceFrames.Reader().feed(frame);
                    decoded = codec.decode(frames.get(0));
                } catch (ServiceFrames.BrokenStreamException e) {
                    throw new IllegalStateException("own frame broken", e);
                }
                if (decoded instanceof MessageCodec.Message message) {
                    to.sync.handle(inFlightFrom.get(i), message.message());
                } else {
                    refused++;
                }
            }
            inFlight.clear();
            inFlightFrom.clear();
            for (Follower follower : followers.values()) {
                if (follower.forger) {
                    for (SyncNode.Outgoing push : forge(follower, logKey, forged)) {
                        inFlight.add(push);
                        inFlightFrom.add(follower.id);
                    }
                }
                SyncNode.Outgoing out;
                while ((out = follower.sync.pollOutgoing()) != null) {
                    if (followers.containsKey(out.to())) {
                        inFlight.add(out);
                        inFlightFrom.add(follower.id);
                    }
                }
                SyncNode.Report report;
                while ((report = follower.sync.pollReport()) != null) {
                    Follower culprit = followers.get(report.peer());
                    if (culprit != null && culprit.forger && !follower.forger) {
                        follower.reports++;
                    }
                }
                while (follower.sync.pollAppended() != null) {
                    // persisted by the socket service; nothing to do here
                }
            }
            if (rounds < 0 && round >= lastAppend && reached(params, logKey, followers) == params.followers()) {
                rounds = round - lastAppend;
            }
            if (inFlight.isEmpty() && round >= params.entries()) {
                break;
            }
        }
        boolean allVerified = true;
        int forgedHeld = 0;
        int peersMin = Integer.MAX_VALUE;
        int providersMin = Integer.MAX_VALUE;
        double peersSum = 0;
        double providersSum = 0;
        int reporters = 0;
        for (Follower follower : followers.values()) {
            if (follower.forger) {
                continue;
            }
            allVerified &= verifies(follower.sync.log(logKey), logKey);
            if (follower.sync.log(logKey).entries().stream().anyMatch(forged::contains)) {
                forgedHeld++;
            }
            int peers = follower.sync.peers(logKey).size();
            peersMin = Math.min(peersMin, peers);
            peersSum += peers;
            providersMin = Math.min(providersMin, Math.max(0, follower.providersFound));
            providersSum += Math.max(0, follower.providersFound);
            if (follower.reports > 0) {
                reporters++;
            }
        }
        int honest = params.followers();
        return new Result(params, rounds, reached(params, logKey, followers), allVerified, forgedHeld, reporters,
                providersMin, providersSum / honest, peersMin, peersSum / honest, messages, bytes, refused,
                byType.getOrDefault("Head", 0L), byType.getOrDefault("Request", 0L),
                byType.getOrDefault("Entries", 0L));
    }

    /**
     * A forger pushes to every peer an entry it signed itself for the log's next sequence, with a head that claims
     * it; each new head it learns gives a new forgery.
     */
    private static List<SyncNode.Outgoing> forge(Follower forger, NodeId logKey, Set<LogEntry> forged) {
        SignedLog log = forger.sync.log(logKey);
        LogEntry fake = LogEntry.signed(forger.node.key(), logKey, log.headSequence() + 1, log.headHash(),
                "forged".getBytes(StandardCharsets.UTF_8));
        if (!forged.add(fake)) {
            return List.of();
        }
        List<SyncNode.Outgoing> out = new ArrayList<>();
        forger.sync.peers(logKey).stream().sorted(java.util.Comparator.comparing(NodeId::hex)).forEach(peer -> {
            out.add(new SyncNode.Outgoing(peer, new SyncMessages.Entries(List.of(fake))));
            out.add(new SyncNode.Outgoing(peer, new SyncMessages.Head(logKey, fake.sequence(), fake.hash())));
        });
        return out;
    }

    private static int reached(Params params, NodeId logKey, Map<NodeId, Follower> followers) {
        int reached = 0;
        for (Follower follower : followers.values()) {
            if (!follower.forger && follower.sync.log(logKey).headSequence() >= params.entries()) {
                reached++;
            }
        }
        return reached;
    }

    /** Re-checks a held log from scratch: every signature and the hash chain. */
    private static boolean verifies(SignedLog log, NodeId key) {
        SignedLog fresh = new SignedLog(key, Integer.MAX_VALUE);
        for (LogEntry entry : log.entries()) {
            if (fresh.offer(entry) != SignedLog.Outcome.APPENDED) {
                return false;
            }
        }
        return true;
    }
}
