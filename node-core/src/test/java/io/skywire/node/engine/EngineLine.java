package io.skywire.node.engine;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Engines in a line joined by in-memory links, driven by hand in virtual time: at node i, link 0 leads back to
 * node i-1 and link 1 on to node i+1. Each direction of each hop can be paused or made to drop datagrams, and
 * every datagram that crosses is recorded decoded, so tests can read the frames neighbours exchanged.
 */
final class EngineLine {

    static final LinkId BACK = new LinkId(0);
    static final LinkId ON = new LinkId(1);
    private static final long STEP = 100_000;

    final Secp256k1 curve = Secp256k1Provider.get();
    final List<NodeEngine> nodes = new ArrayList<>();
    /** forward.get(i): datagrams node i sent to node i+1, as delivered; backward.get(i): node i+1 to node i. */
    final List<List<DatagramCodec.Datagram>> forward = new ArrayList<>();
    final List<List<DatagramCodec.Datagram>> backward = new ArrayList<>();
    final boolean[] forwardPaused;
    final boolean[] backwardPaused;
    /** Datagrams for which this returns true are dropped on the way from node i+1 back to node i. */
    final List<Predicate<DatagramCodec.Datagram>> backwardDrop = new ArrayList<>();
    final List<List<NodeEvent>> events = new ArrayList<>();
    /** The highest packet number each direction's sender has put out (delivered or dropped). */
    private final long[] forwardHighest;
    private final long[] backwardHighest;
    private long injections;
    long now = 1_000_000;

    EngineLine(int count, EngineConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            nodes.add(new NodeEngine(config, curve, secret(random), random.split()::nextBytes));
            events.add(new ArrayList<>());
        }
        for (int i = 0; i + 1 < count; i++) {
            nodes.get(i).addLink(ON, nodes.get(i + 1).publicKey(), EngineConfig.DEFAULT_MTU, 1_000_000);
            nodes.get(i + 1).addLink(BACK, nodes.get(i).publicKey(), EngineConfig.DEFAULT_MTU, 1_000_000);
            forward.add(new ArrayList<>());
            backward.add(new ArrayList<>());
            backwardDrop.add(datagram -> false);
        }
        forwardPaused = new boolean[count - 1];
        backwardPaused = new boolean[count - 1];
        forwardHighest = new long[count - 1];
        backwardHighest = new long[count - 1];
    }

    private byte[] secret(SplittableRandom random) {
        byte[] secret = new byte[32];
        do {
            random.nextBytes(secret);
        } while (!curve.isValidSecretKey(secret));
        return secret;
    }

    NodeEngine node(int i) {
        return nodes.get(i);
    }

    /** The keys of every node after {@code from}: a route from it to the end of the line. */
    List<byte[]> pathFrom(int from) {
        List<byte[]> path = new ArrayList<>();
        for (int i = from + 1; i < nodes.size(); i++) {
            path.add(nodes.get(i).publicKey());
        }
        return path;
    }

    /** Runs {@code rounds} steps of 100 µs: timers, then every unpaused direction until it has nothing more. */
    void run(int rounds) throws DecodeException {
        for (int r = 0; r < rounds; r++) {
            now += STEP;
            for (NodeEngine node : nodes) {
                if (node.nextTimeout() <= now) {
                    node.handleTimeout(now);
                }
            }
            for (int i = 0; i + 1 < nodes.size(); i++) {
                if (!forwardPaused[i]) {
                    forwardHighest[i] = Math.max(forwardHighest[i],
                            move(nodes.get(i), ON, nodes.get(i + 1), BACK, forward.get(i), datagram -> false));
                }
                if (!backwardPaused[i]) {
                    backwardHighest[i] = Math.max(backwardHighest[i],
                            move(nodes.get(i + 1), BACK, nodes.get(i), ON, backward.get(i), backwardDrop.get(i)));
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                NodeEvent event;
                while ((event = nodes.get(i).pollEvent()) != null) {
                    events.get(i).add(event);
                }
            }
        }
    }

    private long move(NodeEngine from, LinkId out, NodeEngine to, LinkId in, List<DatagramCodec.Datagram> log,
            Predicate<DatagramCodec.Datagram> drop) throws DecodeException {
        long highest = -1;
        byte[] datagram;
        while ((datagram = from.pollTransmit(now, out)) != null) {
            DatagramCodec.Datagram decoded = DatagramCodec.decode(datagram);
            highest = decoded.packetNumber();
            if (drop.test(decoded)) {
                continue;
            }
            log.add(decoded);
            to.handleDatagram(now, in, datagram);
        }
        return highest;
    }

    /**
     * Hands node {@code hop} (towards the end of the line when {@code fromNext}: as if node hop+1 sent it; else
     * node hop+1, as if node hop sent it) a forged datagram of {@code frames}. Its packet number lies 100 above
     * what that sender has used, inside the receiver's window; the one real datagram that later gets the same
     * number is dropped as a duplicate and recovered like a lost one.
     */
    void inject(int hop, boolean fromNext, Frame... frames) {
        long highest = fromNext ? backwardHighest[hop] : forwardHighest[hop];
        byte[] datagram = EnginePair.datagram(highest + 100 + injections++, frames);
        if (fromNext) {
            nodes.get(hop).handleDatagram(now, ON, datagram);
        } else {
            nodes.get(hop + 1).handleDatagram(now, BACK, datagram);
        }
    }

    /** Every frame of type {@code type} in {@code datagrams}, in order. */
    static <F extends Frame> List<F> frames(List<DatagramCodec.Datagram> datagrams, Class<F> type) {
        List<F> found = new ArrayList<>();
        for (DatagramCodec.Datagram datagram : datagrams) {
            for (Frame frame : datagram.frames()) {
                if (type.isInstance(frame)) {
                    found.add(type.cast(frame));
                }
            }
        }
        return found;
    }

    /** Whether {@code datagram} carries a frame of {@code type}. */
    static boolean carries(DatagramCodec.Datagram datagram, Class<? extends Frame> type) {
        return datagram.frames().stream().anyMatch(type::isInstance);
    }
}
