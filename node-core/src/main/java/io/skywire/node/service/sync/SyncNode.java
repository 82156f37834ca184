package io.skywire.node.service.sync;

import io.skywire.node.identity.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sync protocol of one node as a sans-I/O state machine (docs/PROTOCOL.md 8.5): inputs are the logs it follows,
 * the peers it knows per log, local appends and messages from peers; outputs, pulled by the driver, are messages
 * to send ({@link #pollOutgoing}) and misbehaving peers ({@link #pollReport}). No clock, no sockets, no randomness:
 * the simulator and the socket service drive the same code.
 *
 * <p>Spreading: a node that appended anything announces its new head to every peer of that log; a node that hears
 * of a longer head asks its announcer for the entries it lacks (at most {@link SyncMessages#MAX_BATCH} at a time;
 * one announcer per announced head, until the log grows or the next {@link #announceAll}),
 * verifies each (signature, sequence, previous hash) and appends, then announces in turn. A forged, forked or
 * chain-breaking entry stops the batch, is never stored or passed on, and its sender is reported.
 */
public final class SyncNode {

    /** A message for the driver to send. */
    public record Outgoing(NodeId to, Record message) {
    }

    /** A peer that sent an entry this node refused. */
    public record Report(NodeId peer, SignedLog.Outcome offence, String detail) {
    }

    private final int maxEntriesPerLog;
    private final Map<NodeId, SignedLog> logs = new HashMap<>();
    private final Map<NodeId, LinkedHashSet<NodeId>> peers = new HashMap<>();
    private final ArrayDeque<Outgoing> outgoing = new ArrayDeque<>();
    private final ArrayDeque<Report> reports = new ArrayDeque<>();
    private final ArrayDeque<LogEntry> appended = new ArrayDeque<>();
    /**
     * Heads (sequence and hash) already asked for since the log last grew: every peer announces the same head, and
     * asking each of them would fetch the same entries once per peer. Forgotten when the log grows and at every
     * {@link #announceAll}, so a lost answer costs one nudge interval.
     */
    private final Map<NodeId, Set<String>> asked = new HashMap<>();
    private static final int MAX_ASKED_HEADS = 64;

    public SyncNode(int maxEntriesPerLog) {
        this.maxEntriesPerLog = maxEntriesPerLog;
    }

    /** Starts following {@code key}'s log (empty until entries arrive). */
    public void follow(NodeId key) {
        logs.computeIfAbsent(key, k -> new SignedLog(k, maxEntriesPerLog));
    }

    /** Follows {@code key} starting from entries held already (from disk); they are checked like any other. */
    public void restore(NodeId key, List<LogEntry> held) {
        follow(key);
        SignedLog log = logs.get(key);
        for (LogEntry entry : held) {
            if (log.offer(entry) != SignedLog.Outcome.APPENDED) {
                break;
            }
        }
    }

    public boolean follows(NodeId key) {
        return logs.containsKey(key);
    }

    public Set<NodeId> followed() {
        return Set.copyOf(logs.keySet());
    }

    /** The log of {@code key}, or null when not followed. */
    public SignedLog log(NodeId key) {
        return logs.get(key);
    }

    /** A peer of {@code key}'s log; a new one is told this node's head. */
    public void addPeer(NodeId key, NodeId peer) {
        SignedLog log = logs.get(key);
        if (log != null && peers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(peer)) {
            outgoing.add(new Outgoing(peer, head(log)));
        }
    }

    public Set<NodeId> peers(NodeId key) {
        return Set.copyOf(peers.getOrDefault(key, new LinkedHashSet<>()));
    }

    /** Appends an entry made here (by the log's key holder); false when it does not extend the log. */
    public boolean append(LogEntry entry) {
        SignedLog log = logs.get(entry.key());
        if (log == null || log.offer(entry) != SignedLog.Outcome.APPENDED) {
            return false;
        }
        appended.add(entry);
        asked.remove(entry.key());
        announce(log, null);
        return true;
    }

    /** Tells every peer of every log this node's head again (a periodic nudge against lost messages). */
    public void announceAll() {
        asked.clear();
        for (SignedLog log : logs.values()) {
            announce(log, null);
        }
    }

    /** A message from {@code from}. */
    public void handle(NodeId from, Record message) {
        if (message instanceof SyncMessages.Head head) {
            onHead(from, head);
        } else if (message instanceof SyncMessages.Request request) {
            onRequest(from, request);
        } else if (message instanceof SyncMessages.Entries entries) {
            onEntries(from, entries.entries());
        }
    }

    private void onHead(NodeId from, SyncMessages.Head head) {
        SignedLog log = logs.get(head.key());
        if (log == null) {
            return;
        }
        if (peers.computeIfAbsent(head.key(), k -> new LinkedHashSet<>()).add(from)) {
            outgoing.add(new Outgoing(from, head(log)));
        }
        long mine = log.headSequence();
        if (head.sequence() > mine) {
            Set<String> heads = asked.computeIfAbsent(log.key(), k -> new java.util.HashSet<>());
            if (heads.size() >= MAX_ASKED_HEADS) {
                heads.clear();
            }
            if (heads.add(head.sequence() + ":" + java.util.HexFormat.of().formatHex(head.hash()))) {
                outgoing.add(new Outgoing(from, new SyncMessages.Request(log.key(), mine + 1,
                        (int) Math.min(SyncMessages.MAX_BATCH, head.sequence() - mine))));
            }
        } else if (head.sequence() == mine && mine > 0 && !Arrays.equals(head.hash(), log.headHash())) {
            // Same length, another head: fetch that entry; if it is validly signed the log's key forked it.
            outgoing.add(new Outgoing(from, new SyncMessages.Request(log.key(), mine, 1)));
        }
        // A shorter head is not answered: this node announced its own when it grew, and announces it again at the
        // next nudge; answering every stale head multiplied the announcements by the number of peers.
    }

    private void onRequest(NodeId from, SyncMessages.Request request) {
        SignedLog log = logs.get(request.key());
        if (log == null) {
            return;
        }
        List<LogEntry> range = log.range(request.from(), request.count());
        if (!range.isEmpty()) {
            outgoing.add(new Outgoing(from, new SyncMessages.Entries(range)));
        }
    }

    private void onEntries(NodeId from, List<LogEntry> entries) {
        Map<NodeId, Boolean> grew = new HashMap<>();
        for (LogEntry entry : entries) {
            SignedLog log = logs.get(entry.key());
            if (log == null) {
                continue; // a log this node does not follow: not its business
            }
            SignedLog.Outcome outcome = log.offer(entry);
            switch (outcome) {
                case APPENDED -> {
                    appended.add(entry);
                    grew.put(log.key(), true);
                }
                case DUPLICATE -> { }
                case GAP -> {
                    outgoing.add(new Outgoing(from, new SyncMessages.Request(log.key(), log.headSequence() + 1,
                            SyncMessages.MAX_BATCH)));
                    return;
                }
                default -> {
                    reports.add(new Report(from, outcome, entry.toString()));
                    return;
                }
            }
        }
        for (NodeId key : grew.keySet()) {
            SignedLog log = logs.get(key);
            asked.remove(key);
            if (entries.size() == SyncMessages.MAX_BATCH) {
                outgoing.add(new Outgoing(from, new SyncMessages.Request(key, log.headSequence() + 1,
                        SyncMessages.MAX_BATCH)));
            }
            announce(log, from);
        }
    }

    private void announce(SignedLog log, NodeId except) {
        for (NodeId peer : peers.getOrDefault(log.key(), new LinkedHashSet<>())) {
            if (!peer.equals(except)) {
                outgoing.add(new Outgoing(peer, head(log)));
            }
        }
    }

    private static SyncMessages.Head head(SignedLog log) {
        return new SyncMessages.Head(log.key(), log.headSequence(), log.headHash());
    }

    /** The next message to send, or null. */
    public Outgoing pollOutgoing() {
        return outgoing.pollFirst();
    }

    /** The next peer to report, or null. */
    public Report pollReport() {
        return reports.pollFirst();
    }

    /** The next entry appended (locally or from a peer) since the last poll, or null: what the driver persists. */
    public LogEntry pollAppended() {
        return appended.pollFirst();
    }

    /** Everything waiting to be sent, drained (for tests). */
    public List<Outgoing> drainOutgoing() {
        List<Outgoing> out = new ArrayList<>(outgoing);
        outgoing.clear();
        return out;
    }
}
