package io.skywire.node.discovery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One iterative lookup: the candidates seen so far in distance order, which of them were asked, answered or
 * failed, and what was found. It ends when a value is found, or when the k closest candidates not known to have
 * failed have all answered (Kademlia's termination), or when its query budget is spent, so a lookup for an
 * absent key costs a bounded number of messages.
 */
final class Lookup {

    /** What a lookup wants back. */
    enum Kind {
        NODES, RECORD, PROVIDERS
    }

    /** Why the node runs it, so the end of an internal lookup can trigger the follow-up (a STORE, say). */
    enum Purpose {
        USER, JOIN, REFRESH, PUBLISH_RECORD, ANNOUNCE
    }

    enum State {
        FRESH, IN_FLIGHT, RESPONDED, FAILED
    }

    static final class Candidate {
        final Contact contact;
        final int hop;
        State state = State.FRESH;

        Candidate(Contact contact, int hop) {
            this.contact = contact;
            this.hop = hop;
        }
    }

    final int id;
    final DhtKey target;
    final Kind kind;
    final Purpose purpose;
    final long startedNanos;
    private final DhtKey self;
    private final int k;
    private final int maxCandidates;
    private final List<Candidate> candidates = new ArrayList<>(); // closest first
    private final Map<DhtKey, Candidate> byId = new HashMap<>();
    private final Map<DhtKey, NodeRecord> found = new LinkedHashMap<>();
    private int inFlight;
    int queries;
    int responses;
    int foundHops;
    boolean valueComplete;

    Lookup(int id, DhtKey target, Kind kind, Purpose purpose, long now, DhtKey self, int k) {
        this.id = id;
        this.target = target;
        this.kind = kind;
        this.purpose = purpose;
        this.startedNanos = now;
        this.self = self;
        this.k = k;
        this.maxCandidates = 8 * k;
    }

    /** Adds a contact learned at {@code hop} (1 for this node's own table); ignores itself and known ids. */
    void add(Contact contact, int hop) {
        if (contact.id().equals(self) || byId.containsKey(contact.id())) {
            return;
        }
        int low = 0;
        int high = candidates.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (target.compareDistance(candidates.get(mid).contact.id(), contact.id()) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (low >= maxCandidates) {
            return;
        }
        Candidate candidate = new Candidate(contact, hop);
        candidates.add(low, candidate);
        byId.put(contact.id(), candidate);
        if (candidates.size() > maxCandidates) {
            Candidate dropped = candidates.remove(candidates.size() - 1);
            if (dropped.state == State.FRESH) {
                byId.remove(dropped.contact.id());
            } else {
                candidates.add(dropped); // keep asked ones: their answers must still be matched
            }
        }
    }

    /** The candidate with this id, or null. */
    Candidate candidate(DhtKey id) {
        return byId.get(id);
    }

    /** Candidates to ask now: fresh ones among the k closest not failed, up to {@code alpha} in flight. */
    List<Candidate> next(int alpha) {
        List<Candidate> out = new ArrayList<>();
        int considered = 0;
        for (Candidate candidate : candidates) {
            if (inFlight + out.size() >= alpha || considered >= k) {
                break;
            }
            if (candidate.state == State.FAILED) {
                continue;
            }
            considered++;
            if (candidate.state == State.FRESH) {
                out.add(candidate);
            }
        }
        for (Candidate candidate : out) {
            candidate.state = State.IN_FLIGHT;
            inFlight++;
            queries++;
        }
        return out;
    }

    /** Records the end of a query to {@code candidate}. */
    void finished(Candidate candidate, boolean answered) {
        if (candidate.state != State.IN_FLIGHT) {
            return;
        }
        inFlight--;
        candidate.state = answered ? State.RESPONDED : State.FAILED;
        if (answered) {
            responses++;
        }
    }

    /** Adds a verified value (a record, or one provider's record) found at {@code hop}. */
    void addFound(NodeRecord record, int hop) {
        if (found.isEmpty()) {
            foundHops = hop;
        }
        found.putIfAbsent(record.dhtKey(), record);
    }

    int foundCount() {
        return found.size();
    }

    List<NodeRecord> found() {
        return List.copyOf(found.values());
    }

    int inFlight() {
        return inFlight;
    }

    /** True when nothing is in flight and no fresh candidate is among the k closest not failed. */
    boolean converged() {
        if (inFlight > 0) {
            return false;
        }
        int considered = 0;
        for (Candidate candidate : candidates) {
            if (considered >= k) {
                break;
            }
            if (candidate.state == State.FAILED) {
                continue;
            }
            considered++;
            if (candidate.state == State.FRESH) {
                return false;
            }
        }
        return true;
    }

    /** Up to k answering candidates closest to the target. */
    List<Contact> closestResponded() {
        List<Contact> out = new ArrayList<>(k);
        for (Candidate candidate : candidates) {
            if (out.size() >= k) {
                break;
            }
            if (candidate.state == State.RESPONDED) {
                out.add(candidate.contact);
            }
        }
        return out;
    }

    /** The deepest hop any answering candidate was learned at. */
    int maxRespondedHop() {
        int max = 0;
        for (Candidate candidate : candidates) {
            if (candidate.state == State.RESPONDED) {
                max = Math.max(max, candidate.hop);
            }
        }
        return max;
    }
}
