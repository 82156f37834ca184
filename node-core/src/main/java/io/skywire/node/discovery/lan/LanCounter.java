package io.skywire.node.discovery.lan;

/** What LAN discovery counts; record refusals (bad signature, expired...) are counted by the record store. */
public enum LanCounter {
    /** Datagrams read from the group. */
    RECEIVED,
    /** Announcements sent (one per interface counts once). */
    SENT,
    /** Dropped before decoding: the sender's (or everyone's) rate was exceeded. */
    RATE_LIMITED,
    /** Wrong magic or too short: not ours. */
    NOT_AN_ANNOUNCEMENT,
    /** Our magic with a version this node does not read. */
    BAD_VERSION,
    /** The record inside did not decode. */
    BAD_RECORD,
    /** Our own announcement, looped back. */
    OWN,
    /** Announcements handed on as candidates. */
    CANDIDATES
}
