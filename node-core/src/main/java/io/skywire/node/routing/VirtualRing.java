package io.skywire.node.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A many-to-many virtual route: the design's SONET ring, a list of nodes with one transit cost, any of which
 * reaches any other. Route search uses it as a single hop from any member to any other (see {@link RouteSearch});
 * the route's setup path then goes round the ring from the entry member to the exit member, the shorter way, over
 * the virtual links the members keep to their ring neighbours. Its advertisement is signed by every member
 * (docs/PROTOCOL.md 4.6), so nobody can put a node in a ring it did not join.
 *
 * @param id                        the ring's 16-byte id, as lower-case hex
 * @param members                   two or more distinct nodes, in ring order (the last is next to the first)
 * @param transitPricePerGbDroplets what crossing the ring costs per 10^9 bytes, between any two members
 * @param latencyMicros             the longest one-way latency between two members
 * @param capacityBitsPerSecond     what a crossing carries (0 when unknown)
 */
public record VirtualRing(String id, List<NodeKey> members, long transitPricePerGbDroplets, long latencyMicros,
                          long capacityBitsPerSecond) {

    public VirtualRing {
        Objects.requireNonNull(id, "id");
        members = List.copyOf(members);
        Set<NodeKey> distinct = new HashSet<>(members);
        if (members.size() < 2 || distinct.size() != members.size()) {
            throw new IllegalArgumentException("a ring has two or more distinct members");
        }
        if (transitPricePerGbDroplets < 0 || latencyMicros < 0 || capacityBitsPerSecond < 0) {
            throw new IllegalArgumentException("ring price, latency and capacity must not be negative");
        }
    }

    /** Whether {@code node} is a member. */
    public boolean contains(NodeKey node) {
        return members.contains(node);
    }

    /**
     * The members a crossing from {@code entry} to {@code exit} passes between them, in order: the shorter way round
     * the ring (forward, in member order, when both are as short).
     *
     * @throws IllegalArgumentException when either is not a member or they are the same
     */
    public List<NodeKey> between(NodeKey entry, NodeKey exit) {
        int from = members.indexOf(entry);
        int to = members.indexOf(exit);
        if (from < 0 || to < 0 || from == to) {
            throw new IllegalArgumentException("entry and exit must be two different members of ring " + id);
        }
        int size = members.size();
        int forward = Math.floorMod(to - from, size);
        int step = forward <= size - forward ? 1 : -1;
        List<NodeKey> through = new ArrayList<>();
        for (int i = Math.floorMod(from + step, size); i != to; i = Math.floorMod(i + step, size)) {
            through.add(members.get(i));
        }
        return through;
    }
}
