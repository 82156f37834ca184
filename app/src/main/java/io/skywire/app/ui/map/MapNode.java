package io.skywire.app.ui.map;

import io.skywire.node.routing.GatewayTerms;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One node on the map, as its signed record describes it. Nothing here is estimated: a node whose record the client
 * does not hold (a hop it only knows from its own tunnel) has {@code recordKnown} false and no price, and a node's
 * earnings are present only where a settlement reported them.
 *
 * @param id                     the node's key in lower-case hex
 * @param label                  its short fingerprint, as the other screens show it
 * @param self                   whether it is the client's own node
 * @param recordKnown            whether its addresses, price and capacity come from a record
 * @param addresses              its transport addresses ("udp 127.0.0.1:40000")
 * @param pricePerGbDroplets     its transit price per GB
 * @param capacityBytesPerSecond the capacity it advertises
 * @param gateway                its gateway offer, or null
 * @param earnedDroplets         what it has earned so far, when known
 */
public record MapNode(String id, String label, boolean self, boolean recordKnown, List<String> addresses,
                      long pricePerGbDroplets, long capacityBytesPerSecond, GatewayTerms gateway,
                      OptionalLong earnedDroplets) {

    public MapNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(earnedDroplets, "earnedDroplets");
    }

    /** This node with {@code earned} droplets earned. */
    MapNode withEarned(long earned) {
        return new MapNode(id, label, self, recordKnown, addresses, pricePerGbDroplets, capacityBytesPerSecond,
                gateway, OptionalLong.of(earned));
    }
}
