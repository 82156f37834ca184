package io.skywire.node.sim;

import io.skywire.node.engine.LinkId;

/** One direction of a virtual link: a transmitter that serialises datagrams at its rate, then delay and loss. */
public final class SimChannel {

    final int index;
    final SimNode from;
    final SimNode to;
    final LinkId fromLink;
    final LinkId toLink;
    LinkProfile profile;
    boolean busy;
    long datagrams;
    long bytes;

    SimChannel(int index, SimNode from, SimNode to, LinkId fromLink, LinkId toLink, LinkProfile profile) {
        this.index = index;
        this.from = from;
        this.to = to;
        this.fromLink = fromLink;
        this.toLink = toLink;
        this.profile = profile;
    }

    /** The sending node's name for this link. */
    public LinkId fromLink() {
        return fromLink;
    }

    /** This direction's current profile. */
    public LinkProfile profile() {
        return profile;
    }

    /** Changes rate, delay, loss or reachability from now on. */
    public void setProfile(LinkProfile profile) {
        this.profile = profile;
    }

    /** Datagrams put on the wire so far (lost or not). */
    public long datagrams() {
        return datagrams;
    }

    /** Bytes put on the wire so far (lost or not). */
    public long bytes() {
        return bytes;
    }
}
