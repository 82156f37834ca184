package io.skywire.node.sim;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.RecordPolicy;
import io.skywire.node.discovery.RecordStore;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.discovery.pex.PeerExchange;
import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.limit.SourceLimiter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Bootstrap and peer exchange at message level in virtual time: nodes join one after another, each knowing only
 * node 0's address; they greet it with a HELLO, dial what they learn (up to {@code max-dialled} dials each) and
 * exchange neighbours' records over their links. The same {@link PeerExchange} and {@link RecordStore} the runtime
 * uses, with real signed records; messages cross a network with a seeded delay and loss, and a link comes up three
 * one-way delays after a dial (the handshake). Prints how much of the network each node has learned and when every
 * node knew every other, if it did.
 */
public final class PexScenario implements Scenario {

    private static final long MS = 1_000_000L;
    private static final long EPOCH_SECONDS = 1_800_000_000L;
    private static final int DELIVER = 0;
    private static final int TIMER = 1;
    private static final int JOIN = 2;
    private static final int LINK_UP = 3;

    /**
     * Parameters of one run.
     *
     * @param nodes       network size
     * @param joinNanos   time between two nodes joining
     * @param delayNanos  mean one-way delay (each message draws from half to one and a half of it)
     * @param loss        probability that a message is lost
     * @param maxDialled  dials per node to discovered nodes
     * @param pexNanos    interval between two requests to one neighbour
     * @param untilNanos  virtual time the run stops at
     */
    public record Params(int nodes, long joinNanos, long delayNanos, double loss, int maxDialled, long pexNanos,
                         long untilNanos, long seed) {

        public Params {
            if (nodes < 2 || nodes > 2_000) {
                throw new IllegalArgumentException("--nodes must be 2..2000");
            }
            if (!(loss >= 0 && loss < 1)) {
                throw new IllegalArgumentException("--loss must be in [0, 1)");
            }
            if (joinNanos < 0 || delayNanos <= 0 || pexNanos <= 0 || untilNanos <= 0 || maxDialled < 1) {
                throw new IllegalArgumentException("times and --max-dialled must be positive");
            }
        }
    }

    /** The outcome: how much each node learned, and when all knew all (-1: not within the run). */
    public record Result(Params params, long allKnowAllAtNanos, double meanKnownFraction, int minKnown,
                         long messages, long bytes, double meanLinks) implements ScenarioResult {

        @Override
        public String toJson() {
            return new Json().put("scenario", "pex").put("nodes", params.nodes()).put("seed", params.seed())
                    .put("loss", params.loss()).put("maxDialled", params.maxDialled())
                    .put("allKnowAllAtMs", allKnowAllAtNanos < 0 ? -1 : allKnowAllAtNanos / 1e6)
                    .put("lastJoinAtMs", (params.nodes() - 1) * params.joinNanos() / 1e6)
                    .put("meanKnownFraction", meanKnownFraction).put("minKnown", minKnown)
                    .put("messages", messages).put("messagesPerNode", (double) messages / params.nodes())
                    .put("bytesPerNode", (double) bytes / params.nodes()).put("meanLinks", meanLinks).toString();
        }
    }

    @Override
    public String name() {
        return "pex";
    }

    @Override
    public String description() {
        return "nodes join knowing one bootstrap address; HELLO, dialling and peer exchange spread their records";
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(new ScenarioParameter("nodes", "network size", "30"),
                new ScenarioParameter("join-ms", "time between two nodes joining, ms", "100"),
                new ScenarioParameter("delay-ms", "mean one-way delay, ms", "20"),
                new ScenarioParameter("loss", "probability a message is lost", "0.05"),
                new ScenarioParameter("max-dialled", "dials per node to discovered nodes", "16"),
                new ScenarioParameter("pex-ms", "interval between two requests to one neighbour, ms", "60000"),
                new ScenarioParameter("until-ms", "virtual time the run stops at, ms", "300000"),
                new ScenarioParameter("seed", "random seed", "1"));
    }

    @Override
    public ScenarioResult run(Map<String, String> values) {
        ScenarioArguments args = new ScenarioArguments(parameters(), values);
        return run(new Params((int) args.longValue("nodes"), args.longValue("join-ms") * MS,
                args.longValue("delay-ms") * MS, args.doubleValue("loss"), (int) args.longValue("max-dialled"),
                args.longValue("pex-ms") * MS, args.longValue("until-ms") * MS, args.longValue("seed")));
    }

    /** Runs one simulation. */
    public static Result run(Params params) {
        return new Network(params).run();
    }

    private record Message(int from, int to, byte[] bytes) {
    }

    private static final class Network {
        final Params params;
        final SplittableRandom random;
        final EventQueue events = new EventQueue();
        final List<Node> nodes = new ArrayList<>();
        final Map<InetSocketAddress, Integer> byAddress = new HashMap<>();
        long now;
        long messages;
        long bytes;

        Network(Params params) {
            this.params = params;
            this.random = new SplittableRandom(params.seed());
            for (int i = 0; i < params.nodes(); i++) {
                Node node = new Node(this, i, random.split());
                nodes.add(node);
                byAddress.put(node.address, i);
                events.push(i * params.joinNanos(), JOIN, i, null);
            }
        }

        Result run() {
            long allKnowAll = -1;
            while (!events.isEmpty() && events.peekTime() <= params.untilNanos()) {
                events.poll();
                now = events.time;
                Node node = nodes.get(events.arg);
                switch (events.kind) {
                    case JOIN -> node.join();
                    case DELIVER -> {
                        Message message = (Message) events.object;
                        node.pex.onMessage(now, nodes.get(message.from()).address, message.bytes());
                    }
                    case LINK_UP -> node.linkUp((Integer) events.object);
                    default -> node.pex.handleTimeout(now);
                }
                node.flush();
                if (allKnowAll < 0 && now >= (params.nodes() - 1) * params.joinNanos() && allKnowAll()) {
                    allKnowAll = now;
                }
            }
            long nowSeconds = seconds(params.untilNanos());
            double fraction = 0;
            int min = Integer.MAX_VALUE;
            double links = 0;
            for (Node node : nodes) {
                int known = node.store.all(nowSeconds).size();
                fraction += (double) known / (params.nodes() - 1);
                min = Math.min(min, known);
                links += node.links.size();
            }
            return new Result(params, allKnowAll, fraction / params.nodes(), min, messages, bytes,
                    links / params.nodes());
        }

        boolean allKnowAll() {
            for (Node node : nodes) {
                if (node.store.size() < params.nodes() - 1) {
                    return false;
                }
            }
            return true;
        }

        void send(int from, InetSocketAddress to, byte[] message) {
            messages++;
            bytes += message.length;
            Integer target = byAddress.get(to);
            if (target == null || random.nextDouble() < params.loss()) {
                return;
            }
            long delay = params.delayNanos() / 2 + random.nextLong(params.delayNanos() + 1);
            events.push(now + delay, DELIVER, target, new Message(from, target, message));
        }

        /** Both ends of a dial get the link after the three handshake acts. */
        void dial(int from, int to) {
            long at = now + 3 * params.delayNanos();
            events.push(at, LINK_UP, from, to);
            events.push(at, LINK_UP, to, from);
        }

        long seconds(long nanos) {
            return EPOCH_SECONDS + nanos / 1_000_000_000L;
        }
    }

    private static final class Node implements PeerExchange.RecordSink {
        final Network network;
        final int index;
        final InetSocketAddress address;
        final NodeKeyPair key;
        final RecordStore store = new RecordStore(RecordPolicy.internet(), 4_096);
        final PeerExchange pex;
        final Set<Integer> links = new HashSet<>();
        final Set<Integer> dialled = new HashSet<>();
        NodeRecord self;
        long timerAt = Long.MAX_VALUE;

        Node(Network network, int index, SplittableRandom random) {
            this.network = network;
            this.index = index;
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            secret[0] = 0x01; // far below the curve order, never zero
            this.key = NodeKeyPair.fromSecret(secret);
            this.address = new InetSocketAddress(ip(index), 7700);
            this.pex = new PeerExchange(network.params.pexNanos(), 32, random,
                    new SourceLimiter<>(20, 40, 500, 1_000, 4_096), this);
        }

        void join() {
            self = NodeRecordCodec.sign(key, RecordContent.forwarder(key.nodeId(), 1,
                    network.seconds(network.params.untilNanos()) + 3_600,
                    List.of(TransportAddress.of(address, true)), 0, 1_000_000));
            pex.selfRecord(self);
            if (index > 0) {
                pex.hello(network.now, network.nodes.get(0).address);
            }
        }

        void linkUp(int other) {
            if (links.add(other)) {
                pex.neighbourUp(network.now, network.nodes.get(other).key.nodeId(), network.nodes.get(other).address);
                store.get(network.nodes.get(other).key.nodeId(), network.seconds(network.now)).ifPresent(pex::share);
            }
        }

        void flush() {
            PeerExchange.Outgoing out;
            while ((out = pex.pollOutgoing()) != null) {
                network.send(index, out.to(), out.message());
            }
            long next = pex.nextTimeout();
            if (next < timerAt || timerAt <= network.now) {
                timerAt = next;
                if (next != Long.MAX_VALUE) {
                    network.events.push(Math.max(next, network.now), TIMER, index, null);
                }
            }
        }

        @Override
        public PeerExchange.Offered offer(NodeRecord record, InetSocketAddress dialHint) {
            if (self == null) {
                return PeerExchange.Offered.REFUSED;
            }
            long nowSeconds = network.seconds(network.now);
            boolean fresh = store.get(record.nodeKey(), nowSeconds).isEmpty();
            if (store.put(record, nowSeconds).isPresent()) {
                return fresh ? PeerExchange.Offered.REFUSED : PeerExchange.Offered.KNOWN;
            }
            Integer other = network.byAddress.get(record.addresses().get(0).toInetSocketAddress());
            if (other != null && !links.contains(other) && dialled.size() < network.params.maxDialled()
                    && dialled.add(other)) {
                network.dial(index, other);
            }
            return PeerExchange.Offered.NEW;
        }

        @Override
        public List<NodeRecord> shareWith(NodeId asker, int max) {
            List<NodeRecord> shared = new ArrayList<>(List.of(self));
            long nowSeconds = network.seconds(network.now);
            for (int other : links) {
                NodeId id = network.nodes.get(other).key.nodeId();
                if (shared.size() < max && !id.equals(asker)) {
                    store.get(id, nowSeconds).ifPresent(shared::add);
                }
            }
            return shared;
        }

        private static InetAddress ip(int index) {
            try {
                return InetAddress.getByAddress(new byte[] {10, (byte) (index >> 16), (byte) (index >> 8),
                    (byte) (index + 1)});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an IPv4 address", e);
            }
        }
    }
}
