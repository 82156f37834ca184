package io.skywire.node.gateway;

/** What a gateway counts about the routes that arrive: how they were served, and the joins it refused. */
public enum ExitCounter {
    /** Routes without a join header, served on their own. */
    SINGLE_ROUTES,
    /** Route groups started (a member 0 arrived). */
    GROUPS,
    /** Member routes added to a group, member 0 included. */
    MEMBERS_JOINED,
    /** Members of a group lost while others lived on (the group carried on without them). */
    MEMBERS_LOST,
    /** Join headers that did not decode (wrong version, index not below count, count 0); the route is closed. */
    JOINS_MALFORMED,
    /** Members whose group's member 0 never came within the join window, or while the parking was full. */
    JOINS_UNKNOWN_GROUP,
    /** Joins declaring more members than a group may have. */
    JOINS_TOO_MANY_MEMBERS,
    /** Joins repeating a member index of their group or disagreeing with its member count. */
    JOINS_DUPLICATE,
    /** Member 0 of a new group while the gateway already serves its maximum of groups. */
    JOINS_TOO_MANY_GROUPS,
    /** Joins arriving after their group's join window. */
    JOINS_TOO_LATE
}
