package io.skywire.node.service.chat;

import io.skywire.node.identity.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chat between node keys as a sans-I/O state machine (docs/PROTOCOL.md 8.6): inputs are the time, local sends and
 * messages from peers; outputs, pulled by the driver, are messages to send and {@link Event}s to persist and show.
 * Each sender numbers its messages to each recipient 1, 2, ...; the recipient delivers them in that order, each
 * once (later ones wait, bounded; repeats are acknowledged again, not delivered), and acknowledges cumulatively.
 * The sender resends what is not acknowledged every {@link #RESEND_NANOS}; after {@link #HOLD_AFTER_ATTEMPTS}
 * attempts it also leaves it with the recipient's guard nodes, which hand it over when the recipient comes
 * back and fetches. As a guard this node holds messages only for nodes that fetched from it (named it a guard).
 */
public final class ChatBook {

    public static final long RESEND_NANOS = 3_000_000_000L;
    public static final int HOLD_AFTER_ATTEMPTS = 2;
    /** How often a node with guards asks them again for held messages (a FETCH may be lost with its route). */
    public static final long FETCH_NANOS = 30_000_000_000L;
    /** Messages a recipient keeps waiting for an earlier one, per sender. */
    public static final int MAX_OUT_OF_ORDER = 256;
    /** Messages not yet acknowledged, per recipient: sends beyond are refused. */
    public static final int MAX_UNACKED = 1_000;
    /** What a guard holds: per recipient, and recipients. */
    public static final int MAX_HELD_PER_RECIPIENT = 1_000;
    public static final int MAX_HELD_RECIPIENTS = 256;

    /** Something to persist or show. */
    public sealed interface Event permits Sent, Delivered, Acked {
    }

    /** This node sent message {@code sequence} to {@code peer}. */
    public record Sent(NodeId peer, long sequence, long sentAtMillis, String text) implements Event {
    }

    /** Message {@code sequence} from {@code peer} was delivered here, in order, once. */
    public record Delivered(NodeId peer, long sequence, long sentAtMillis, String text) implements Event {
    }

    /** {@code peer} acknowledged every message up to {@code sequence}. */
    public record Acked(NodeId peer, long sequence) implements Event {
    }

    /** A message for the driver to send. */
    public record Outgoing(NodeId to, Record message) {
    }

    private static final class Pending {
        final ChatMessages.Chat chat;
        long lastTry;
        int attempts;
        boolean held;

        Pending(ChatMessages.Chat chat, long now) {
            this.chat = chat;
            this.lastTry = now;
            this.attempts = 1;
        }
    }

    private static final class Peer {
        long nextSequence = 1;
        long ackedUpTo;
        long deliveredUpTo;
        final TreeMap<Long, Pending> unacked = new TreeMap<>();
        final TreeMap<Long, ChatMessages.Chat> early = new TreeMap<>();
        List<NodeId> guards = List.of();
        boolean toldGuards;
    }

    private final List<NodeId> ownGuards;
    private final Map<NodeId, Peer> peers = new LinkedHashMap<>();
    private final Map<NodeId, ArrayDeque<ChatMessages.Held>> holding = new HashMap<>();
    private final Set<NodeId> guarded = new HashSet<>();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private long lastFetch = Long.MIN_VALUE;

    /** @param ownGuards this node's guard nodes, which hold its messages while it is away */
    public ChatBook(List<NodeId> ownGuards) {
        this.ownGuards = List.copyOf(ownGuards);
    }

    private Peer peer(NodeId id) {
        Peer peer = peers.computeIfAbsent(id, k -> new Peer());
        if (!peer.toldGuards && !ownGuards.isEmpty()) {
            peer.toldGuards = true;
            outgoing.add(new Outgoing(id, new ChatMessages.Guards(ownGuards)));
        }
        return peer;
    }

    /** Rebuilds state from history: a message sent earlier (unacknowledged until {@link #restoreAcked}). */
    public void restoreSent(long now, Sent sent) {
        Peer peer = peers.computeIfAbsent(sent.peer(), k -> new Peer());
        peer.nextSequence = Math.max(peer.nextSequence, sent.sequence() + 1);
        if (sent.sequence() > peer.ackedUpTo) {
            Pending pending = new Pending(new ChatMessages.Chat(sent.sequence(), sent.sentAtMillis(), sent.text()),
                    now - RESEND_NANOS);
            pending.attempts = 0;
            peer.unacked.put(sent.sequence(), pending);
        }
    }

    public void restoreDelivered(Delivered delivered) {
        Peer peer = peers.computeIfAbsent(delivered.peer(), k -> new Peer());
        peer.deliveredUpTo = Math.max(peer.deliveredUpTo, delivered.sequence());
    }

    public void restoreAcked(Acked acked) {
        Peer peer = peers.computeIfAbsent(acked.peer(), k -> new Peer());
        peer.ackedUpTo = Math.max(peer.ackedUpTo, acked.sequence());
        peer.nextSequence = Math.max(peer.nextSequence, acked.sequence() + 1);
        peer.unacked.headMap(acked.sequence(), true).clear();
    }

    /** The numbers state must keep when old history is dropped: per peer, next to send, delivered, acked. */
    public Map<NodeId, long[]> counters() {
        Map<NodeId, long[]> out = new LinkedHashMap<>();
        peers.forEach((id, peer) -> out.put(id, new long[] {peer.nextSequence, peer.deliveredUpTo, peer.ackedUpTo}));
        return out;
    }

    /** Restores {@link #counters()} of one peer. */
    public void restoreCounters(NodeId id, long nextSequence, long deliveredUpTo, long ackedUpTo) {
        Peer peer = peers.computeIfAbsent(id, k -> new Peer());
        peer.nextSequence = Math.max(peer.nextSequence, nextSequence);
        peer.deliveredUpTo = Math.max(peer.deliveredUpTo, deliveredUpTo);
        peer.ackedUpTo = Math.max(peer.ackedUpTo, ackedUpTo);
    }

    /** Asks this node's guards for what they hold (and names them guards); call at start. */
    public void fetchFromGuards() {
        for (NodeId guard : ownGuards) {
            outgoing.add(new Outgoing(guard, new ChatMessages.Fetch()));
        }
    }

    /** Sends {@code text} to {@code to}; returns its sequence number. */
    public long send(long now, long nowMillis, NodeId to, String text) {
        Peer peer = peer(to);
        if (peer.unacked.size() >= MAX_UNACKED) {
            throw new IllegalStateException(MAX_UNACKED + " messages to " + to.fingerprint() + " are unacknowledged");
        }
        ChatMessages.Chat chat = new ChatMessages.Chat(peer.nextSequence++, nowMillis, text);
        peer.unacked.put(chat.sequence(), new Pending(chat, now));
        events.add(new Sent(to, chat.sequence(), chat.sentAtMillis(), text));
        outgoing.add(new Outgoing(to, chat));
        return chat.sequence();
    }

    /**
     * Resends what is due, leaves messages with guards after {@link #HOLD_AFTER_ATTEMPTS} attempts, and fetches
     * from this node's guards every {@link #FETCH_NANOS}.
     */
    public void handleTimeout(long now) {
        if (lastFetch == Long.MIN_VALUE) {
            lastFetch = now;
        } else if (now - lastFetch >= FETCH_NANOS) {
            lastFetch = now;
            fetchFromGuards();
        }
        for (Map.Entry<NodeId, Peer> entry : peers.entrySet()) {
            Peer peer = entry.getValue();
            boolean guardsRepeated = false;
            for (Pending pending : peer.unacked.values()) {
                if (now - pending.lastTry < RESEND_NANOS) {
                    continue;
                }
                if (!guardsRepeated && !ownGuards.isEmpty()) {
                    // GUARDS travels like any message and may have been lost with the route: repeat it.
                    guardsRepeated = true;
                    outgoing.add(new Outgoing(entry.getKey(), new ChatMessages.Guards(ownGuards)));
                }
                pending.lastTry = now;
                pending.attempts++;
                outgoing.add(new Outgoing(entry.getKey(), pending.chat));
                if (!pending.held && pending.attempts > HOLD_AFTER_ATTEMPTS) {
                    for (NodeId guard : peer.guards) {
                        ChatMessages.Chat chat = pending.chat;
                        outgoing.add(new Outgoing(guard, new ChatMessages.Hold(entry.getKey(), chat.sequence(),
                                chat.sentAtMillis(), chat.text())));
                    }
                }
            }
        }
    }

    /** A message from {@code from}. */
    public void handle(NodeId from, Record message) {
        if (message instanceof ChatMessages.Chat chat) {
            receive(from, chat);
        } else if (message instanceof ChatMessages.Ack ack) {
            Peer peer = peer(from);
            if (ack.sequence() > peer.ackedUpTo && ack.sequence() < peer.nextSequence) {
                peer.ackedUpTo = ack.sequence();
                peer.unacked.headMap(ack.sequence(), true).clear();
                events.add(new Acked(from, ack.sequence()));
            }
        } else if (message instanceof ChatMessages.Guards guards) {
            peer(from).guards = guards.guards().stream().filter(g -> !g.equals(from)).toList();
        } else if (message instanceof ChatMessages.Hold hold) {
            hold(from, hold);
        } else if (message instanceof ChatMessages.HoldAck ack) {
            Peer peer = peers.get(ack.recipient());
            Pending pending = peer == null ? null : peer.unacked.get(ack.sequence());
            if (pending != null && peer.guards.contains(from)) {
                pending.held = true;
            }
        } else if (message instanceof ChatMessages.Fetch) {
            fetch(from);
        } else if (message instanceof ChatMessages.Held held) {
            if (ownGuards.contains(from)) {
                receive(held.sender(), new ChatMessages.Chat(held.sequence(), held.sentAtMillis(), held.text()));
            }
        }
    }

    private void receive(NodeId from, ChatMessages.Chat chat) {
        Peer peer = peer(from);
        if (chat.sequence() > peer.deliveredUpTo + 1) {
            if (peer.early.size() < MAX_OUT_OF_ORDER || peer.early.containsKey(chat.sequence())) {
                peer.early.put(chat.sequence(), chat);
            }
        } else if (chat.sequence() == peer.deliveredUpTo + 1) {
            deliver(from, peer, chat);
            ChatMessages.Chat next;
            while ((next = peer.early.remove(peer.deliveredUpTo + 1)) != null) {
                deliver(from, peer, next);
            }
            peer.early.headMap(peer.deliveredUpTo, true).clear();
        }
        if (peer.deliveredUpTo > 0) {
            outgoing.add(new Outgoing(from, new ChatMessages.Ack(peer.deliveredUpTo)));
        }
    }

    private void deliver(NodeId from, Peer peer, ChatMessages.Chat chat) {
        peer.deliveredUpTo = chat.sequence();
        events.add(new Delivered(from, chat.sequence(), chat.sentAtMillis(), chat.text()));
    }

    private void hold(NodeId sender, ChatMessages.Hold hold) {
        if (!guarded.contains(hold.recipient())) {
            return; // not a guard of that node: it never fetched from here
        }
        ArrayDeque<ChatMessages.Held> queue = holding.computeIfAbsent(hold.recipient(), k -> new ArrayDeque<>());
        ChatMessages.Held held = new ChatMessages.Held(sender, hold.sequence(), hold.sentAtMillis(), hold.text());
        if (!queue.contains(held) && queue.size() < MAX_HELD_PER_RECIPIENT) {
            queue.add(held);
        }
        if (queue.contains(held)) {
            outgoing.add(new Outgoing(sender, new ChatMessages.HoldAck(hold.recipient(), hold.sequence())));
        }
    }

    private void fetch(NodeId recipient) {
        if (!guarded.contains(recipient) && guarded.size() >= MAX_HELD_RECIPIENTS) {
            return;
        }
        guarded.add(recipient);
        ArrayDeque<ChatMessages.Held> queue = holding.remove(recipient);
        if (queue != null) {
            for (ChatMessages.Held held : queue) {
                outgoing.add(new Outgoing(recipient, held));
            }
        }
    }

    /** Messages held here for {@code recipient} (as its guard). */
    public int holdingFor(NodeId recipient) {
        ArrayDeque<ChatMessages.Held> queue = holding.get(recipient);
        return queue == null ? 0 : queue.size();
    }

    /** Messages to {@code peer} not yet acknowledged. */
    public int unacknowledged(NodeId peer) {
        Peer state = peers.get(peer);
        return state == null ? 0 : state.unacked.size();
    }

    public Outgoing pollOutgoing() {
        return outgoing.pollFirst();
    }

    public Event pollEvent() {
        return events.pollFirst();
    }

    /** Everything waiting to be sent, drained (for tests). */
    public List<Outgoing> drainOutgoing() {
        List<Outgoing> out = new ArrayList<>(outgoing);
        outgoing.clear();
        return out;
    }
}
