package io.skywire.node.discovery;

import java.util.List;

/**
 * The end of a lookup the application started: the verified records found (the node's record, or providers of a
 * service; empty when not found, and for a plain node lookup), the closest nodes that answered, and what it cost.
 *
 * @param handle      the handle returned when it started
 * @param target      the key looked up
 * @param records     verified records found, possibly empty
 * @param closest     up to k answering nodes closest to the target
 * @param hops        depth of the answer: 1 for a node in this node's own table, 2 for one it named, and so on
 *                    (for a lookup without a value: the depth of the deepest answering node)
 * @param queries     queries sent
 * @param responses   answers received
 * @param elapsedNanos from start to end
 */
public record LookupResult(LookupHandle handle, DhtKey target, List<NodeRecord> records, List<Contact> closest,
                           int hops, int queries, int responses, long elapsedNanos) {

    public LookupResult {
        records = List.copyOf(records);
        closest = List.copyOf(closest);
    }

    /** True when at least one record was found. */
    public boolean found() {
        return !records.isEmpty();
    }
}
