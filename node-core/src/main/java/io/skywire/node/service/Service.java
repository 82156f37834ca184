package io.skywire.node.service;

import io.skywire.node.identity.NodeId;
import java.util.List;

/**
 * A service on the local node (the design's daemon services): it owns one channel, declares the message types it
 * sends and handles, and registers a handler per type when it starts. The host calls {@link #start} on the
 * service's own thread, and again after a handler has thrown (the service restarts with fresh handlers), so a
 * service keeps whatever must survive a restart outside the handlers' state.
 */
public interface Service {

    /** The channel this service owns on every node, 1..65535 (docs/PROTOCOL.md 8.4 lists those taken). */
    int channel();

    /** A short name for logs and counters. */
    String name();

    /** Every message type the service sends or handles. */
    List<MessageType<?>> messages();

    /** Registers the handlers; called on the service's thread at start and after each restart. */
    void start(ServiceContext context, Handlers handlers);

    /** Called on the service's thread before a restart and when the host stops. */
    default void stop() {
    }

    /** Called on the service's thread when a message from {@code peer} was refused there (a REFUSED arrived). */
    default void refusedBy(NodeId peer, HostMessages.Refused refused) {
    }

    /** What a handler of {@code T} does with a message from a peer; anything it throws restarts the service. */
    @FunctionalInterface
    interface Handler<T> {
        void handle(NodeId from, T message) throws Exception;
    }

    /** Where a service registers its handlers, one per message type. */
    interface Handlers {
        <T extends Record> void on(MessageType<T> type, Handler<? super T> handler);
    }
}
