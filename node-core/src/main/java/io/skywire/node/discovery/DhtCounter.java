package io.skywire.node.discovery;

/** What a DHT node counts: traffic, lookups, and every kind of refused or suspicious input. */
public enum DhtCounter {
    MESSAGES_SENT,
    MESSAGES_RECEIVED,
    /** Bytes that do not decode as a DHT message. */
    MALFORMED,
    /** A query over the sender's (or everyone's) rate limit, dropped unanswered. */
    RATE_LIMITED,
    /** An answer with no matching outstanding query from that address and key. */
    UNSOLICITED_ANSWER,
    /** An answer of the wrong type for its query, or a value of the wrong kind. */
    WRONG_ANSWER,
    /** A record in an answer or a STORE that fails the record policy or does not belong under its key. */
    BAD_RECORD,
    /** A STORE refused (old sequence, store full, over the STORE rate). */
    STORE_REFUSED,
    /** A message claiming this node's own key. */
    SPOOFED_SELF,
    QUERIES_SENT,
    QUERIES_TIMED_OUT,
    /** Contacts dropped from the routing table for silence or misbehaviour. */
    CONTACTS_DROPPED,
    /** A query not sent because too many were outstanding (the lookup waits). */
    PENDING_FULL,
    LOOKUPS_STARTED,
    LOOKUPS_FOUND,
    LOOKUPS_NOT_FOUND
}
