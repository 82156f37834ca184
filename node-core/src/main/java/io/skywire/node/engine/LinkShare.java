package io.skywire.node.engine;

/**
 * How much of one link this node's forwarding may use: the design's router that "prioritizes traffic on the
 * internal network and allocates unused capacity" to the mesh. The node's own routes (it is their origin or
 * destination) always go first; routes it forwards for others get only what those leave, and never more than
 * the cap. The capacity matters because priority only works where the queue is: a link paced at its real
 * capacity keeps the queue in the engine, where own traffic can jump it, instead of in a modem's FIFO
 * downstream, where forwarded bulk would sit in front of it.
 *
 * @param capacityBytesPerSecond   the uplink's capacity; the engine paces everything it sends on the link at
 *                                 this rate (set it at or a little below the line rate); 0: unknown, not paced
 * @param forwardCapBytesPerSecond the most forwarded payload per second on this link (the user's cap); 0: no cap
 */
public record LinkShare(long capacityBytesPerSecond, long forwardCapBytesPerSecond) {

    /** No pacing and no cap: own traffic still goes first. */
    public static final LinkShare UNLIMITED = new LinkShare(0, 0);

    public LinkShare {
        if (capacityBytesPerSecond < 0 || forwardCapBytesPerSecond < 0) {
            throw new IllegalArgumentException("link capacity and forwarding cap must not be negative");
        }
    }

    /** A link of known capacity whose forwarded traffic may use at most {@code forwardCap} of it. */
    public static LinkShare of(long capacityBytesPerSecond, long forwardCapBytesPerSecond) {
        return new LinkShare(capacityBytesPerSecond, forwardCapBytesPerSecond);
    }
}
