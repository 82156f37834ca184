package io.skywire.node.sim;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.LinkId;
import io.skywire.node.engine.NodeEngine;
import io.skywire.node.engine.NodeEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A deterministic network simulator: virtual nanosecond time, an event queue with ties broken by
 * insertion order, virtual links with rate, delay, loss and one-way reachability, and the same engines
 * the socket runtime drives. Every random choice (keys, route ids, losses) comes from one seed, so a
 * run repeats byte for byte.
 */
public final class Simulator {

    private static final int DELIVER = 0;
    private static final int TRANSMITTER_FREE = 1;
    private static final int TIMER = 2;
    private static final int ACTION = 3;

    private final SplittableRandom random;
    private final SplittableRandom lossRandom;
    private final Secp256k1 curve = Secp256k1Provider.get();
    private final EventQueue queue = new EventQueue();
    private final List<SimNode> nodes = new ArrayList<>();
    private final List<SimChannel> channels = new ArrayList<>();
    private final ArrayDeque<SimNode> dirty = new ArrayDeque<>();
    private long now;
    private long events;

    public Simulator(long seed) {
        this.random = new SplittableRandom(seed);
        this.lossRandom = random.split();
    }

    /** Current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Events processed so far. */
    public long events() {
        return events;
    }

    /** Every node, in creation order. */
    public List<SimNode> nodes() {
        return nodes;
    }

    /** Adds a node with a seeded static key and a seeded entropy source. */
    public SimNode addNode(EngineConfig config) {
        SplittableRandom nodeRandom = random.split();
        byte[] secret = new byte[Secp256k1.SECRET_KEY_BYTES];
        do {
            nodeRandom.nextBytes(secret);
        } while (!curve.isValidSecretKey(secret));
        NodeEngine engine = new NodeEngine(config, curve, secret, nodeRandom::nextBytes);
        SimNode node = new SimNode(nodes.size(), engine, this);
        nodes.add(node);
        return node;
    }

    /** Connects two nodes with one channel per direction; returns the channel from {@code a} to {@code b}. */
    public SimChannel connect(SimNode a, SimNode b, LinkProfile aToB, LinkProfile bToA, int mtu) {
        LinkId atA = new LinkId(a.out.size());
        LinkId atB = new LinkId(b.out.size());
        SimChannel forward = new SimChannel(channels.size(), a, b, atA, atB, aToB, mtu);
        channels.add(forward);
        SimChannel backward = new SimChannel(channels.size(), b, a, atB, atA, bToA, mtu);
        channels.add(backward);
        a.out.add(forward);
        b.out.add(backward);
        // The runtime learns a first RTT from the link handshake; here it is known from the profiles.
        long rtt = aToB.delayNanos() + bToA.delayNanos() + transmitNanos(mtu, aToB) + transmitNanos(64, bToA);
        a.engine.addLink(atA, b.engine.publicKey(), mtu, rtt);
        b.engine.addLink(atB, a.engine.publicKey(), mtu, rtt);
        return forward;
    }

    /** Runs {@code action} at simulated time {@code at}. */
    public void schedule(long at, Runnable action) {
        queue.push(Math.max(at, now), ACTION, 0, action);
    }

    /** Stops a node for good: it neither sends nor receives from now on. */
    public void kill(SimNode node) {
        node.alive = false;
    }

    /** Processes events until {@code deadline}, until {@code done} is true, or until nothing is left. */
    public void runUntil(long deadline, BooleanSupplier done) {
        flushDirty();
        while (!queue.isEmpty() && queue.peekTime() <= deadline && !done.getAsBoolean()) {
            queue.poll();
            now = queue.time;
            events++;
            dispatch(queue.kind, queue.arg, queue.object);
            flushDirty();
        }
        if (deadline != Long.MAX_VALUE && !done.getAsBoolean()) {
            // Time passes to the deadline even when nothing happens.
            now = Math.max(now, deadline);
        }
    }

    private void dispatch(int kind, int arg, Object object) {
        switch (kind) {
            case DELIVER -> {
                SimChannel channel = channels.get(arg);
                SimChannel.InFlight datagram = (SimChannel.InFlight) object;
                if (channel.to.alive) {
                    channel.to.engine.handleDatagram(now, channel.toLink, datagram.buffer, datagram.length);
                    markDirty(channel.to);
                }
                channel.recycle(datagram);
            }
            case TRANSMITTER_FREE -> {
                SimChannel channel = channels.get(arg);
                channel.busy = false;
                transmit(channel);
            }
            case TIMER -> {
                SimNode node = nodes.get(arg);
                if (node.alive && node.timerAt == now) {
                    node.timerAt = Long.MAX_VALUE;
                    node.engine.handleTimeout(now);
                    markDirty(node);
                }
            }
            default -> ((Runnable) object).run();
        }
    }

    void markDirty(SimNode node) {
        if (!node.dirty) {
            node.dirty = true;
            dirty.addLast(node);
        }
    }

    private void flushDirty() {
        while (!dirty.isEmpty()) {
            SimNode node = dirty.pollFirst();
            node.dirty = false;
            if (!node.alive) {
                continue;
            }
            NodeEvent event;
            while ((event = node.engine.pollEvent()) != null) {
                node.application.accept(event);
            }
            for (SimChannel channel : node.out) {
                if (!channel.busy) {
                    transmit(channel);
                }
            }
            long next = node.engine.nextTimeout();
            if (next < node.timerAt) {
                node.timerAt = Math.max(next, now);
                queue.push(node.timerAt, TIMER, node.index, null);
            }
        }
    }

    private static long transmitNanos(int bytes, LinkProfile profile) {
        return Math.max(1, bytes * 8L * 1_000_000_000L / profile.bitsPerSecond());
    }

    /**
     * Pulls datagrams from the sender while the transmitter is free (or, with a queue, while the queue has room),
     * and puts them on the wire.
     */
    private void transmit(SimChannel channel) {
        while (!channel.busy && channel.from.alive && transmitOne(channel)) {
            // A channel with a queue takes datagrams until the queue is full.
        }
    }

    private boolean transmitOne(SimChannel channel) {
        SimChannel.InFlight datagram = channel.take();
        datagram.length = channel.from.engine.pollTransmit(now, channel.fromLink, datagram.buffer);
        if (datagram.length == 0) {
            channel.recycle(datagram);
            return false;
        }
        // Cut-through releases buffers on transmission, which may raise events at the sender.
        markDirty(channel.from);
        LinkProfile profile = channel.profile;
        long transmitNanos = transmitNanos(datagram.length, profile);
        // Without a queue the transmitter is busy until this datagram is out; with one, datagrams wait behind it.
        long sentAt = Math.max(now, channel.busyUntil) + transmitNanos;
        channel.busyUntil = sentAt;
        channel.datagrams++;
        channel.bytes += datagram.length;
        if (sentAt - now > channel.queueNanos) {
            channel.busy = true;
            queue.push(sentAt - channel.queueNanos, TRANSMITTER_FREE, channel.index, null);
        }
        boolean lost = profile.loss() > 0 && lossRandom.nextDouble() < profile.loss();
        if (profile.reachable() && !lost) {
            queue.push(sentAt + profile.delayNanos(), DELIVER, channel.index, datagram);
        } else {
            channel.recycle(datagram);
        }
        return true;
    }
}
