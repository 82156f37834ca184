package io.skywire.node.sim;

import io.skywire.node.discovery.Contact;
import io.skywire.node.discovery.DhtConfig;
import io.skywire.node.discovery.DhtCounter;
import io.skywire.node.discovery.DhtKey;
import io.skywire.node.discovery.Kademlia;
import io.skywire.node.discovery.LookupHandle;
import io.skywire.node.discovery.LookupResult;
import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.Outgoing;
import io.skywire.node.discovery.RecordContent;
import io.skywire.node.discovery.SelfRecord;
import io.skywire.node.discovery.TransportAddress;
import io.skywire.node.identity.NodeKeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Many {@link Kademlia} nodes in one process, exchanging their real encoded messages in virtual time with a seeded
 * latency per message and optional loss. It is message-level on purpose: the link engine's {@link Simulator} models
 * every datagram's packing, acknowledgement and pacing, far too much work for 10,000 nodes; DHT traffic is a few
 * small datagrams per lookup, so only delivery time and loss matter here.
 *
 * <p>Node {@code i} listens at udp4 10.x.y.z:7000 where x.y.z is {@code i}; indexes are never reused, so messages
 * to a node that left are dropped like datagrams to a dead host.
 */
public final class DhtSimulation {

    /** Virtual time starts in 2027 (nanoseconds since the Unix epoch), so records carry plausible expiry times. */
    public static final long EPOCH_START_NANOS = 1_800_000_000L * 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long RECORD_LIFETIME_SECONDS = 6 * 3600;
    private static final int PORT = 7000;
    private static final int DELIVER = 1;
    private static final int TIMER = 2;
    private static final int ACTION = 3;

    /** One simulated node. */
    public final class Node {
        final int index;
        final NodeKeyPair key;
        final Kademlia dht;
        final TransportAddress address;
        boolean alive = true;
        long timerAt = Long.MAX_VALUE;

        Node(int index, NodeKeyPair key, Kademlia dht, TransportAddress address) {
            this.index = index;
            this.key = key;
            this.dht = dht;
            this.address = address;
        }

        public int index() {
            return index;
        }

        public NodeKeyPair key() {
            return key;
        }

        public Kademlia dht() {
            return dht;
        }

        public boolean alive() {
            return alive;
        }

        /** How others reach it. */
        public Contact contact() {
            return Contact.of(key.nodeId().key(), address);
        }
    }

    private record Delivery(TransportAddress from, byte[] bytes) {
    }

    private final DhtConfig config;
    private final long minLatencyNanos;
    private final long maxLatencyNanos;
    private final double loss;
    private final SplittableRandom random;
    private final SecureRandom keyRandom;
    private final EventQueue queue = new EventQueue();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Node> live = new ArrayList<>();
    private final Map<Node, Integer> livePosition = new HashMap<>();
    private BiConsumer<Node, LookupResult> resultListener = (node, result) -> { };
    private long now = EPOCH_START_NANOS;
    private long messagesDelivered;
    private long messagesLost;

    /**
     * @param config          every node's DHT parameters
     * @param minLatencyNanos shortest one-way delay
     * @param maxLatencyNanos longest one-way delay (uniform in between, drawn per message)
     * @param loss            probability that a message is lost
     * @param seed            the one seed of keys, latencies, losses and each node's entropy
     */
    public DhtSimulation(DhtConfig config, long minLatencyNanos, long maxLatencyNanos, double loss, long seed) {
        if (minLatencyNanos <= 0 || maxLatencyNanos < minLatencyNanos || loss < 0 || loss >= 1) {
            throw new IllegalArgumentException("latency must be positive and ordered, loss in [0, 1)");
        }
        this.config = config;
        this.minLatencyNanos = minLatencyNanos;
        this.maxLatencyNanos = maxLatencyNanos;
        this.loss = loss;
        this.random = new SplittableRandom(seed);
        try {
            this.keyRandom = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
        keyRandom.setSeed(seed);
    }

    /** Called with every finished lookup that was started with a handle. */
    public void onResult(BiConsumer<Node, LookupResult> listener) {
        this.resultListener = listener;
    }

    /** Virtual now, nanoseconds since the Unix epoch. */
    public long now() {
        return now;
    }

    /** A new node, not yet connected to anyone. */
    public Node addNode() {
        int index = nodes.size();
        if (index >= 1 << 24) {
            throw new IllegalStateException("at most 2^24 nodes per simulation");
        }
        NodeKeyPair key = NodeKeyPair.generate(keyRandom);
        TransportAddress address = new TransportAddress(TransportAddress.Kind.UDP4,
                new byte[] {10, (byte) (index >>> 16), (byte) (index >>> 8), (byte) index}, PORT);
        RecordContent content = RecordContent.forwarder(key.nodeId(), 0, 0, List.of(address),
                100_000 + random.nextInt(900_000), 1_000_000L + random.nextInt(100_000_000));
        SelfRecord self = new SelfRecord(key, content, RECORD_LIFETIME_SECONDS);
        SplittableRandom entropy = random.split();
        Kademlia dht = new Kademlia(config, self, entropy::nextBytes, now);
        Node node = new Node(index, key, dht, address);
        nodes.add(node);
        livePosition.put(node, live.size());
        live.add(node);
        reschedule(node);
        return node;
    }

    /** A new node that joins through {@code via}. */
    public Node join(Node via) {
        Node node = addNode();
        node.dht.addContact(now, via.contact());
        node.dht.bootstrap(now);
        drain(node);
        return node;
    }

    /** The node stops answering at once, as a machine switched off. */
    public void kill(Node node) {
        if (!node.alive) {
            return;
        }
        node.alive = false;
        int at = livePosition.remove(node);
        Node last = live.remove(live.size() - 1);
        if (last != node) {
            live.set(at, last);
            livePosition.put(last, at);
        }
    }

    /** Live nodes; the list changes as nodes join and leave. */
    public List<Node> live() {
        return live;
    }

    /** Every node ever added, in index order. */
    public List<Node> all() {
        return nodes;
    }

    /** A uniformly chosen live node. */
    public Node randomLive() {
        return live.get(random.nextInt(live.size()));
    }

    /** The simulation's random numbers, for scenario decisions. */
    public SplittableRandom random() {
        return random;
    }

    /** Runs {@code action} at virtual time {@code at}. */
    public void at(long at, Runnable action) {
        queue.push(Math.max(at, now), ACTION, 0, action);
    }

    /** Lets a node act (start a lookup, say) and then sends whatever it produced. */
    public LookupHandle act(Node node, java.util.function.Function<Kademlia, LookupHandle> call) {
        LookupHandle handle = call.apply(node.dht);
        drain(node);
        return handle;
    }

    /** Processes events until virtual time {@code until} or no event is left. */
    public void runUntil(long until) {
        while (!queue.isEmpty() && queue.peekTime() <= until) {
            queue.poll();
            now = queue.time;
            if (queue.kind == ACTION) {
                ((Runnable) queue.object).run();
                continue;
            }
            Node node = nodes.get(queue.arg);
            if (!node.alive) {
                continue;
            }
            if (queue.kind == DELIVER) {
                Delivery delivery = (Delivery) queue.object;
                messagesDelivered++;
                node.dht.handleMessage(now, delivery.from, delivery.bytes);
            } else {
                if (node.timerAt != now) {
                    continue; // superseded
                }
                node.timerAt = Long.MAX_VALUE;
                node.dht.handleTimeout(now);
            }
            drain(node);
        }
        now = Math.max(now, until);
    }

    /** Messages delivered and lost so far. */
    public long messagesDelivered() {
        return messagesDelivered;
    }

    public long messagesLost() {
        return messagesLost;
    }

    /** A counter summed over every node ever added. */
    public long total(DhtCounter counter) {
        long sum = 0;
        for (Node node : nodes) {
            sum += node.dht.counters().get(counter);
        }
        return sum;
    }

    /** The DHT id of a node. */
    public static DhtKey idOf(Node node) {
        return node.dht.id();
    }

    /** The record a node publishes now. */
    public NodeRecord recordOf(Node node) {
        return node.dht.selfRecord(now);
    }

    private void drain(Node node) {
        Outgoing out;
        while ((out = node.dht.pollOutgoing()) != null) {
            if (loss > 0 && random.nextDouble() < loss) {
                messagesLost++;
                continue;
            }
            TransportAddress to = out.to();
            int index = to.kind() == TransportAddress.Kind.UDP4
                    ? (to.addressByte(1) << 16) | (to.addressByte(2) << 8) | to.addressByte(3) : Integer.MAX_VALUE;
            if (index >= nodes.size() || to.addressByte(0) != 10 || to.port() != PORT) {
                messagesLost++;
                continue;
            }
            long latency = minLatencyNanos + (maxLatencyNanos == minLatencyNanos ? 0
                    : random.nextLong(maxLatencyNanos - minLatencyNanos + 1));
            queue.push(now + latency, DELIVER, index, new Delivery(node.address, out.bytes()));
        }
        LookupResult result;
        while ((result = node.dht.pollEvent()) != null) {
            resultListener.accept(node, result);
        }
        reschedule(node);
    }

    private void reschedule(Node node) {
        long next = node.dht.nextTimeout();
        if (next < node.timerAt) {
            node.timerAt = Math.max(next, now);
            queue.push(node.timerAt, TIMER, node.index, null);
        }
    }

    /** Milliseconds in nanoseconds, for callers. */
    public static long millis(long ms) {
        return ms * MS;
    }
}
