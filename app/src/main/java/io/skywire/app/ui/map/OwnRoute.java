package io.skywire.app.ui.map;

import java.util.List;

/**
 * One of the client's routes: the client first, then every hop, the gateway last.
 *
 * @param hops   node ids from the client to the gateway
 * @param handle the engine's handle, the key of its byte counts between readings; -1 when it never came up
 * @param live   whether it carries bytes now
 * @param bytes  payload bytes sent and received on it so far (0 when not up)
 */
public record OwnRoute(List<String> hops, long handle, boolean live, long bytes) {

    public OwnRoute {
        hops = List.copyOf(hops);
        if (hops.size() < 2) {
            throw new IllegalArgumentException("a route has the client and at least one hop");
        }
    }
}
