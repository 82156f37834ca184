package io.skywire.node.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Tells a gateway tunnel's kind by its first byte (docs/PROTOCOL.md 6.6 and 9): a registered kind (such as
 * {@code 0x12}, IP packets) goes to its handler, anything else is the stream layer. The same look serves a single
 * route and a route group, since a group's byte stream starts the way a lone route's does; the node's
 * {@link io.skywire.node.runtime.RouteDispatcher} has already given the exit only the routes of its kinds, but a
 * group's kind shows only after its joins. Runs on the exit loop.
 */
final class RouteKinds {

    private final Map<Integer, Function<TunnelPipe, Consumer<byte[]>>> handlers = new HashMap<>();

    /** Routes whose first byte is {@code kind} go to {@code handler}, which returns who takes their bytes. */
    void register(int kind, Function<TunnelPipe, Consumer<byte[]>> handler) {
        handlers.put(kind, handler);
    }

    /**
     * Serves {@code pipe}: once its first byte is known, a registered kind's handler gets it, else {@code streams}
     * gets a view of the pipe whose bytes start from the first.
     */
    void serve(TunnelPipe pipe, Consumer<TunnelPipe> streams) {
        if (handlers.isEmpty()) {
            streams.accept(pipe); // a plain exit: its streams start at once, as before route kinds existed
            return;
        }
        List<byte[]> held = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Consumer<byte[]>[] target = new Consumer[1];
        pipe.onReceive(bytes -> {
            if (target[0] != null) {
                target[0].accept(bytes);
                return;
            }
            if (bytes.length == 0) {
                return;
            }
            Function<TunnelPipe, Consumer<byte[]>> handler = handlers.get(bytes[0] & 0xff);
            if (handler != null) {
                target[0] = handler.apply(pipe);
                target[0].accept(bytes);
                return;
            }
            held.add(bytes);
            target[0] = held::add;
            streams.accept(pipe.readThrough(receiver -> {
                held.forEach(receiver);
                held.clear();
                target[0] = receiver;
            }));
        });
    }
}
