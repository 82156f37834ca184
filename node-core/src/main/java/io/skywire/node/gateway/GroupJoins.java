package io.skywire.node.gateway;

import io.skywire.node.group.RouteGroup;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's book of route groups being joined: decides for each {@link GroupJoin} whether the route starts a
 * group, joins one, waits for its group's first member, or is refused. Sans-I/O: the caller passes the time and acts
 * on the verdict; everything it holds is bounded by {@link Limits}.
 *
 * <p>Member 0 creates a group. Another member may arrive first (the routes are set up in parallel and its bytes may
 * overtake member 0's), so it is parked until member 0 arrives or the join window passes; then it is refused as a
 * join for an unknown group. A group accepts members only within the join window after its creation: a late member
 * could be a replayed or guessed id, and re-adding members is not supported.
 *
 * @param <M> the caller's handle for a member route
 */
final class GroupJoins<M> {

    /**
     * Bounds.
     *
     * @param maxMembers       members one group may declare
     * @param maxGroups        groups alive at once
     * @param maxParked        members waiting for their group's first member
     * @param joinWindowMillis how long after its creation a group accepts members, and a parked member waits
     */
    record Limits(int maxMembers, int maxGroups, int maxParked, long joinWindowMillis) {
        static Limits defaults() {
            return new Limits(8, 256, 64, 10_000);
        }

        Limits {
            if (maxMembers < 1 || maxMembers > RouteGroup.MAX_MEMBERS || maxGroups < 1 || maxParked < 0
                    || joinWindowMillis < 1) {
                throw new IllegalArgumentException("bad group join limits");
            }
        }
    }

    enum Verdict {
        /** Member 0: the caller creates the group, then re-joins {@link #takeParked} members. */
        NEW_GROUP(null),
        /** Added to a known group. */
        JOINED(null),
        /** Waiting for member 0. */
        PARKED(null),
        TOO_MANY_MEMBERS(ExitCounter.JOINS_TOO_MANY_MEMBERS),
        DUPLICATE_MEMBER(ExitCounter.JOINS_DUPLICATE),
        TOO_MANY_GROUPS(ExitCounter.JOINS_TOO_MANY_GROUPS),
        TOO_LATE(ExitCounter.JOINS_TOO_LATE),
        TOO_MANY_PARKED(ExitCounter.JOINS_UNKNOWN_GROUP);

        /** The counter a refusal increments; null when the route is accepted. */
        final ExitCounter refusal;

        Verdict(ExitCounter refusal) {
            this.refusal = refusal;
        }
    }

    /** A parked member and its join. */
    record Parked<M>(M member, GroupJoin join, long sinceMillis) {
    }

    private static final class Group {
        final int count;
        final long createdMillis;
        final BitSet indices = new BitSet();

        Group(int count, long createdMillis) {
            this.count = count;
            this.createdMillis = createdMillis;
        }
    }

    private final Limits limits;
    private final Map<GroupJoin.GroupId, Group> groups = new HashMap<>();
    private final Map<M, Parked<M>> parked = new LinkedHashMap<>();

    GroupJoins(Limits limits) {
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    Verdict join(long nowMillis, GroupJoin join, M member) {
        if (join.count() > limits.maxMembers()) {
            return Verdict.TOO_MANY_MEMBERS;
        }
        Group group = groups.get(join.groupId());
        if (group == null) {
            if (join.index() != 0) {
                if (parked.size() >= limits.maxParked()) {
                    return Verdict.TOO_MANY_PARKED;
                }
                parked.put(member, new Parked<>(member, join, nowMillis));
                return Verdict.PARKED;
            }
            if (groups.size() >= limits.maxGroups()) {
                return Verdict.TOO_MANY_GROUPS;
            }
            group = new Group(join.count(), nowMillis);
            group.indices.set(0);
            groups.put(join.groupId(), group);
            return Verdict.NEW_GROUP;
        }
        if (nowMillis - group.createdMillis > limits.joinWindowMillis()) {
            return Verdict.TOO_LATE;
        }
        if (join.count() != group.count || group.indices.get(join.index())) {
            return Verdict.DUPLICATE_MEMBER;
        }
        group.indices.set(join.index());
        return Verdict.JOINED;
    }

    /** Members parked for {@code id}, now removed from the parking: the caller joins them again. */
    List<Parked<M>> takeParked(GroupJoin.GroupId id) {
        List<Parked<M>> taken = new ArrayList<>();
        for (Iterator<Parked<M>> it = parked.values().iterator(); it.hasNext(); ) {
            Parked<M> p = it.next();
            if (p.join().groupId().equals(id)) {
                taken.add(p);
                it.remove();
            }
        }
        return taken;
    }

    /** Parked members whose group did not appear within the join window, removed: the caller refuses them. */
    List<M> expire(long nowMillis) {
        List<M> expired = new ArrayList<>();
        for (Iterator<Parked<M>> it = parked.values().iterator(); it.hasNext(); ) {
            Parked<M> p = it.next();
            if (nowMillis - p.sinceMillis() > limits.joinWindowMillis()) {
                expired.add(p.member());
                it.remove();
            }
        }
        return expired;
    }

    /** A parked member's route ended before its group came. */
    void forget(M member) {
        parked.remove(member);
    }

    /** The group ended (every member gone): its id may start a new group. */
    void ended(GroupJoin.GroupId id) {
        groups.remove(id);
    }

    int groups() {
        return groups.size();
    }

    int parked() {
        return parked.size();
    }
}
