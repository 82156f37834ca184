package io.skywire.node.routing;

import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link RoutePath} taken across a {@link VirtualRing} instead of over a link: the step into hop
 * {@code index} of the path, and the members the setup path passes between the entry member and that hop.
 */
public record RingHop(int index, VirtualRing ring, List<NodeKey> through) {

    public RingHop {
        Objects.requireNonNull(ring, "ring");
        through = List.copyOf(through);
        if (index < 0) {
            throw new IllegalArgumentException("a ring hop's index is a hop of the path");
        }
    }
}
