package io.skywire.node.service;

import io.skywire.node.identity.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a node trusts each service peer: every reported offence (a forged or forked entry, garbage) costs a
 * point, and a peer at {@link #BAN_AT} offences is banned, its messages dropped unread. Sans-I/O; bounded (the
 * least recently reported peer is forgotten first).
 */
public final class PeerScores {

    public static final int BAN_AT = 3;
    private static final int MAX_PEERS = 4_096;

    private final Map<NodeId, Integer> offences = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, Integer> eldest) {
            return size() > MAX_PEERS;
        }
    };

    /** Records one offence; true when the peer is banned from now on. */
    public synchronized boolean report(NodeId peer) {
        return offences.merge(peer, 1, Integer::sum) >= BAN_AT;
    }

    public synchronized boolean banned(NodeId peer) {
        return offences.getOrDefault(peer, 0) >= BAN_AT;
    }

    public synchronized int offences(NodeId peer) {
        return offences.getOrDefault(peer, 0);
    }
}
