package io.skywire.node.runtime;

import io.skywire.node.engine.LinkShare;
import io.skywire.node.identity.NodeId;
import java.util.Map;
import java.util.Objects;

/**
 * The configured capacity of this node's links and the user's cap on forwarded traffic (docs/CONFIG.md
 * {@code link.capacity}, {@code forward.cap}, {@code link.share}): one setting for every link, and overrides for
 * the links to named neighbours. The driver hands each link's {@link LinkShare} to the engine as the link comes up.
 *
 * @param every  what a link to a neighbour without an override gets
 * @param byPeer overrides for links to these neighbours
 */
public record LinkShares(LinkShare every, Map<NodeId, LinkShare> byPeer) {

    /** No capacity known and no cap: the node's own routes still go first. */
    public static final LinkShares NONE = new LinkShares(LinkShare.UNLIMITED, Map.of());

    public LinkShares {
        Objects.requireNonNull(every, "every");
        byPeer = Map.copyOf(byPeer);
    }

    /** The share of the link to {@code peer}. */
    public LinkShare forPeer(NodeId peer) {
        return byPeer.getOrDefault(peer, every);
    }
}
