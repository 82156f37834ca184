package io.skywire.node.sim;

import io.skywire.node.engine.LinkId;
import io.skywire.node.engine.NodeEngine;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A simulated node: an engine, its outgoing channels, and the application that consumes its events. */
public final class SimNode {

    final int index;
    final NodeEngine engine;
    final List<SimChannel> out = new ArrayList<>();
    private final Simulator simulator;
    long timerAt = Long.MAX_VALUE;
    boolean alive = true;
    boolean dirty;
    Consumer<NodeEvent> application = event -> { };
    /** Virtual links are numbered from here, far above the channels' small ids. */
    private static final int VIRTUAL_LINK_IDS = 1 << 20;
    private int virtualLinks;

    SimNode(int index, NodeEngine engine, Simulator simulator) {
        this.index = index;
        this.engine = engine;
        this.simulator = simulator;
    }

    /** Position in the simulator's node list. */
    public int index() {
        return index;
    }

    /** The engine (read its counters and buffers; drive it through this node's methods). */
    public NodeEngine engine() {
        return engine;
    }

    /** This node's static public key. */
    public byte[] publicKey() {
        return engine.publicKey();
    }

    /** Whether the node still runs. */
    public boolean alive() {
        return alive;
    }

    /** Sets the callback for this node's engine events. */
    public void onEvent(Consumer<NodeEvent> listener) {
        this.application = listener;
    }

    /** Opens a route at the current simulated time. */
    public RouteHandle openRoute(RouteSpec spec) {
        simulator.markDirty(this);
        return engine.openRoute(simulator.now(), spec);
    }

    /** Sends on a route at the current simulated time. */
    public SendResult send(RouteHandle route, byte[] payload) {
        simulator.markDirty(this);
        return engine.send(simulator.now(), route, payload);
    }

    /** Makes an established route end a virtual link to {@code peerKey}; returns the link's id. */
    public LinkId addVirtualLink(RouteHandle route, byte[] peerKey) {
        LinkId link = new LinkId(VIRTUAL_LINK_IDS + virtualLinks++);
        simulator.markDirty(this);
        engine.addVirtualLink(simulator.now(), link, route, peerKey);
        return link;
    }

    /** Declares one of this node's links one-way; its peer's datagrams come back over a route, led by {@code tag}. */
    public void expectReturns(LinkId link, byte[] tag) {
        engine.expectReturns(link, tag);
    }

    /** Accepts, on a route ending here, what the far ends of this node's one-way links send back. */
    public void acceptReturnsOver(RouteHandle route) {
        simulator.markDirty(this);
        engine.acceptReturnsOver(simulator.now(), route);
    }

    /** Sends what a link that cannot send has to send over a route, led by {@code tag}. */
    public void sendReturnsOver(LinkId link, RouteHandle route, byte[] tag) {
        simulator.markDirty(this);
        engine.sendReturnsOver(simulator.now(), link, route, tag);
    }

    /** Sends a payment message to hop {@code hop} of a paid route at the current simulated time. */
    public boolean sendPayment(RouteHandle route, int hop, byte[] message) {
        simulator.markDirty(this);
        return engine.sendPayment(simulator.now(), route, hop, message);
    }

    /** Closes a route at the current simulated time. */
    public void closeRoute(RouteHandle route) {
        simulator.markDirty(this);
        engine.closeRoute(simulator.now(), route);
    }
}
