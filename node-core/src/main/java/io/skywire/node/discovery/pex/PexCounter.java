package io.skywire.node.discovery.pex;

/** What peer exchange counts, refused input included; record refusals are also counted by the record store. */
public enum PexCounter {
    /** Messages read. */
    RECEIVED,
    /** Messages sent. */
    SENT,
    /** Dropped before decoding: the sender's (or everyone's) rate was exceeded. */
    RATE_LIMITED,
    /** Did not decode. */
    MALFORMED,
    /** A REQUEST or RECORDS from an address that is not a linked neighbour. */
    NOT_NEIGHBOUR,
    /** A HELLO_REPLY that answers no HELLO of ours. */
    UNEXPECTED_REPLY,
    /** HELLOs answered with our record. */
    HELLOS_ANSWERED,
    /** HELLOs not answered: the record in them was refused. */
    HELLOS_REFUSED,
    /** HELLOs sent again because no answer came. */
    HELLOS_RETRIED,
    /** Records taken from messages (new or newer ones, and ones already known). */
    RECORDS_ACCEPTED,
    /** Records in messages that the record store refused. */
    RECORDS_REFUSED
}
