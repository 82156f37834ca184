package io.skywire.node.engine;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Two engines joined by a lossless in-memory link, driven by hand, recording every datagram a sent to b. */
final class EnginePair {

    static final LinkId LINK = new LinkId(0);
    final Secp256k1 curve = Secp256k1Provider.get();
    final NodeEngine a;
    final NodeEngine b;
    final List<DatagramCodec.Datagram> aToB = new ArrayList<>();
    final List<NodeEvent> aEvents = new ArrayList<>();
    final List<NodeEvent> bEvents = new ArrayList<>();
    long now = 1_000_000;

    EnginePair(long seed) {
        this(seed, EngineConfig.defaults());
    }

    EnginePair(long seed, EngineConfig config) {
        SplittableRandom random = new SplittableRandom(seed);
        a = new NodeEngine(config, curve, secret(random), random.split()::nextBytes);
        b = new NodeEngine(config, curve, secret(random), random.split()::nextBytes);
        a.addLink(LINK, b.publicKey(), EngineConfig.DEFAULT_MTU, 1_000_000);
        b.addLink(LINK, a.publicKey(), EngineConfig.DEFAULT_MTU, 1_000_000);
    }

    byte[] secret(SplittableRandom random) {
        byte[] secret = new byte[32];
        do {
            random.nextBytes(secret);
        } while (!curve.isValidSecretKey(secret));
        return secret;
    }

    /** Moves datagrams both ways until both sides are quiet. */
    void exchange() throws DecodeException {
        boolean moved = true;
        while (moved) {
            moved = false;
            now += 100_000;
            byte[] datagram;
            while ((datagram = a.pollTransmit(now, LINK)) != null) {
                aToB.add(DatagramCodec.decode(datagram));
                b.handleDatagram(now, LINK, datagram);
                moved = true;
            }
            while ((datagram = b.pollTransmit(now, LINK)) != null) {
                a.handleDatagram(now, LINK, datagram);
                moved = true;
            }
        }
        NodeEvent event;
        while ((event = a.pollEvent()) != null) {
            aEvents.add(event);
        }
        while ((event = b.pollEvent()) != null) {
            bEvents.add(event);
        }
    }

    /** The id a uses to reach b on the first route: read from a's DATA frames. */
    RouteId forwardId() {
        for (DatagramCodec.Datagram datagram : aToB) {
            for (Frame frame : datagram.frames()) {
                if (frame instanceof Frame.Data data) {
                    return data.route();
                }
            }
        }
        throw new IllegalStateException("no data sent yet");
    }

    static byte[] datagram(long packetNumber, Frame... frames) {
        int length = DatagramCodec.HEADER_BYTES;
        for (Frame frame : frames) {
            length += frame.encodedLength();
        }
        byte[] out = new byte[length];
        DatagramCodec.writeHeader(out, packetNumber);
        int pos = DatagramCodec.HEADER_BYTES;
        for (Frame frame : frames) {
            pos = DatagramCodec.writeFrame(out, pos, frame);
        }
        return out;
    }
}
