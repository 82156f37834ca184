package io.skywire.node.sim;

import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.RouteGroup;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A one-way transfer over a {@link RouteGroup} in the simulator: the origin opens one route per path, makes them
 * one group once all are confirmed, and writes a patterned stream as fast as the group takes it; the destination
 * makes a group of the routes that arrive, reads it, and hashes what it read. Each end's group is driven the way a
 * runtime would drive it: engine events in, then {@link RouteGroup#flush} into the engine's send.
 */
final class GroupTransfer {

    private final Simulator simulator;
    private final SimNode origin;
    private final SimNode destination;
    private final long total;
    private final long seed;
    private final boolean erasure;
    private final List<RouteHandle> routes = new ArrayList<>();
    private final MessageDigest sentHash = sha256();
    private final MessageDigest receivedHash = sha256();
    private final byte[] readBuffer = new byte[64 * 1024];
    private RouteGroup sender;
    private RouteGroup receiver;
    private int established;
    private boolean receiverFlushScheduled;
    private LongConsumer progress = received -> { };
    long written;
    long received;
    long startedAt = -1;
    long completedAt = -1;
    boolean failed;

    GroupTransfer(Simulator simulator, SimNode origin, SimNode destination, long totalBytes, long seed,
                  boolean erasure) {
        this.simulator = simulator;
        this.origin = origin;
        this.destination = destination;
        this.total = totalBytes;
        this.seed = seed;
        this.erasure = erasure;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Calls {@code listener} with the bytes received so far, each time some arrive. */
    void onProgress(LongConsumer listener) {
        this.progress = listener;
    }

    /** Opens one route per spec and starts once every one is confirmed. */
    void start(List<RouteSpec> specs) {
        origin.onEvent(this::onOriginEvent);
        destination.onEvent(this::onDestinationEvent);
        for (RouteSpec spec : specs) {
            routes.add(origin.openRoute(spec));
        }
    }

    boolean complete() {
        return completedAt >= 0;
    }

    /** Whether the SHA-256 of the bytes read equals that of the bytes written (meaningful once complete). */
    boolean hashesMatch() {
        return MessageDigest.isEqual(((MessageDigest) clone(sentHash)).digest(),
                ((MessageDigest) clone(receivedHash)).digest());
    }

    private static Object clone(MessageDigest digest) {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }

    RouteGroup senderGroup() {
        return sender;
    }

    RouteGroup receiverGroup() {
        return receiver;
    }

    /** Closes every route of the group from the origin. */
    void close() {
        for (RouteHandle route : routes) {
            origin.closeRoute(route);
        }
    }

    private GroupConfig config(SimNode node, RouteHandle anyRoute) {
        return GroupConfig.forPayload(node.engine().maxPayload(anyRoute), erasure);
    }

    private void onOriginEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteEstablished e && routes.contains(e.route())) {
            if (++established == routes.size()) {
                sender = new RouteGroup(config(origin, e.route()));
                routes.forEach(sender::addMember);
                startedAt = simulator.now();
                pumpOrigin();
            }
        } else if (sender == null) {
            if (event instanceof NodeEvent.RouteFailed f && routes.contains(f.route())) {
                failed = true;
            }
        } else if (event instanceof NodeEvent.Writable w) {
            sender.writable(w.route());
            pumpOrigin();
        } else if (event instanceof NodeEvent.Delivered d) {
            sender.receive(d.route(), d.payload());
            pumpOrigin();
        } else if (event instanceof NodeEvent.RouteFailed f) {
            memberEnded(sender, f.route());
        } else if (event instanceof NodeEvent.RouteClosed c) {
            memberEnded(sender, c.route());
        }
    }

    private void memberEnded(RouteGroup group, RouteHandle route) {
        group.memberFailed(route);
        failed |= group.isBroken();
        if (group == sender) {
            pumpOrigin();
        }
    }

    private void pumpOrigin() {
        byte[] chunk = new byte[16 * 1024];
        while (written < total) {
            int length = (int) Math.min(chunk.length, total - written);
            TransferPattern.fill(chunk, 0, length, written, seed);
            int taken = sender.write(chunk, 0, length);
            sentHash.update(chunk, 0, taken);
            written += taken;
            if (taken < length) {
                break;
            }
        }
        flush(origin, sender);
    }

    private void flush(SimNode node, RouteGroup group) {
        group.flush((route, frame) -> node.send(route, frame) == SendResult.ACCEPTED);
        RouteHandle broken;
        while ((broken = group.pollBrokenMember()) != null) {
            node.closeRoute(broken);
        }
    }

    private void onDestinationEvent(NodeEvent event) {
        if (event instanceof NodeEvent.RouteIncoming incoming) {
            if (receiver == null) {
                receiver = new RouteGroup(config(destination, incoming.route()));
            }
            receiver.addMember(incoming.route());
        } else if (receiver == null) {
            return;
        } else if (event instanceof NodeEvent.Delivered d) {
            receiver.receive(d.route(), d.payload());
            int n;
            while ((n = receiver.read(readBuffer, 0, readBuffer.length)) > 0) {
                receivedHash.update(readBuffer, 0, n);
                received += n;
            }
            if (received >= total && completedAt < 0) {
                completedAt = simulator.now();
            }
            progress.accept(received);
            scheduleReceiverFlush();
        } else if (event instanceof NodeEvent.Writable w) {
            receiver.writable(w.route());
            scheduleReceiverFlush();
        } else if (event instanceof NodeEvent.RouteFailed f) {
            memberEnded(receiver, f.route());
        } else if (event instanceof NodeEvent.RouteClosed c) {
            memberEnded(receiver, c.route());
        }
    }

    /** One ACK per instant, after every payload that arrived at that instant, rather than one per payload. */
    private void scheduleReceiverFlush() {
        if (receiverFlushScheduled) {
            return;
        }
        receiverFlushScheduled = true;
        simulator.schedule(simulator.now(), () -> {
            receiverFlushScheduled = false;
            flush(destination, receiver);
        });
    }
}
