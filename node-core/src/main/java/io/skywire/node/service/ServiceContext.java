package io.skywire.node.service;

import io.skywire.node.identity.NodeId;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the host offers a running service. Every method may be called from any thread; handlers run on the
 * service's own thread, which {@link #schedule} also uses, so a service's state needs no locks.
 */
public interface ServiceContext {

    /** This node's key. */
    NodeId self();

    /**
     * Sends {@code message} to {@code peer} over a route (end-to-end sealed, PROTOCOL 2.2), opening one if needed.
     * The future completes when the route's flow control accepted the bytes; it fails at once with
     * {@link BackPressureException} when too many messages to that peer are still waiting, and with the route's
     * failure when the peer cannot be reached.
     */
    CompletableFuture<Void> send(NodeId peer, Record message);

    /**
     * Announces this node under {@code topic} (a 32-byte DHT key) and looks for the others: providers found in the
     * DHT, then peers they name through the service's peer exchange. Repeats the lookup now and then.
     */
    void join(byte[] topic);

    /** Stops announcing {@code topic}. */
    void leave(byte[] topic);

    /** Providers of {@code topic} in the DHT (at most a lookup's worth), found now. */
    CompletableFuture<Set<NodeId>> find(byte[] topic);

    /** The peers known for {@code topic}, from the DHT and peer exchange, not banned. */
    Set<NodeId> peers(byte[] topic);

    /** Adds a peer to a topic (one the service learned otherwise, such as a chat contact). */
    void addPeer(byte[] topic, NodeId peer);

    /** Reports misbehaviour: counted, logged, and the peer's score lowered (banned below a threshold). */
    void report(NodeId peer, String reason);

    /** Runs {@code task} on the service's thread after {@code delay}. */
    void schedule(Duration delay, Runnable task);
}
