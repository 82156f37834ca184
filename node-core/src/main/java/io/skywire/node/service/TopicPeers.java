package io.skywire.node.service;

import io.skywire.node.identity.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The peers a node knows per topic, and the peer exchange that widens them (sans-I/O, no clock, injected
 * randomness): providers found in the DHT and peers named in PEERS messages land here; a PEERS_REQUEST is answered
 * with a random sample. Bounded per topic ({@link #MAX_PER_TOPIC}, the newest dropped beyond it) and in topics.
 */
public final class TopicPeers {

    public static final int MAX_PER_TOPIC = 256;
    public static final int MAX_TOPICS = 1_024;

    private final NodeId self;
    private final RandomGenerator random;
    private final Map<String, LinkedHashSet<NodeId>> topics = new HashMap<>();

    public TopicPeers(NodeId self, RandomGenerator random) {
        this.self = self;
        this.random = random;
    }

    private static String key(byte[] topic) {
        return HexFormat.of().formatHex(topic);
    }

    /** Adds a peer; true when it is new. Never adds this node itself. */
    public boolean add(byte[] topic, NodeId peer) {
        if (peer.equals(self)) {
            return false;
        }
        LinkedHashSet<NodeId> peers = topics.get(key(topic));
        if (peers == null) {
            if (topics.size() >= MAX_TOPICS) {
                return false;
            }
            peers = new LinkedHashSet<>();
            topics.put(key(topic), peers);
        }
        return peers.size() < MAX_PER_TOPIC && peers.add(peer);
    }

    public void remove(byte[] topic, NodeId peer) {
        Set<NodeId> peers = topics.get(key(topic));
        if (peers != null) {
            peers.remove(peer);
        }
    }

    /** A copy of the peers of {@code topic}. */
    public Set<NodeId> peers(byte[] topic) {
        return Set.copyOf(topics.getOrDefault(key(topic), new LinkedHashSet<>()));
    }

    /** The answer to {@code asker}'s PEERS_REQUEST: up to {@link HostMessages#MAX_PEERS} random peers, not the asker. */
    public HostMessages.Peers answer(byte[] topic, NodeId asker) {
        List<NodeId> all = new ArrayList<>(topics.getOrDefault(key(topic), new LinkedHashSet<>()));
        all.remove(asker);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            NodeId swap = all.get(i);
            all.set(i, all.get(j));
            all.set(j, swap);
        }
        return new HostMessages.Peers(topic.clone(), List.copyOf(all.subList(0, Math.min(all.size(),
                HostMessages.MAX_PEERS))));
    }

    /** Takes the peers of a PEERS message; returns those that were new. */
    public List<NodeId> learn(HostMessages.Peers message) {
        List<NodeId> fresh = new ArrayList<>();
        for (NodeId peer : message.peers()) {
            if (add(message.topic(), peer)) {
                fresh.add(peer);
            }
        }
        return fresh;
    }
}
