package io.skywire.node.sim;

import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.SendResult;
import io.skywire.node.group.GroupConfig;
import io.skywire.node.group.RouteGroup;
import io.skywire.node.runtime.MemberNotices;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One end of a tunnel's route group in the simulator, driven like {@code RouteGroupSession} drives it on real
 * sockets: member bytes pass through {@link MemberNotices} to the group, and when a member ends this end may tell
 * the other with a MEMBER_LOST notice (docs/PROTOCOL.md 6.6), sent on every live member ahead of its next group
 * frame. With notices off it is the plain group, which learns of a member's loss only from its own route.
 */
final class NoticeGroupEnd {

    private static final class Member {
        final int tag;
        final MemberNotices notices;
        boolean alive = true;
        byte[] pendingNotice;

        Member(int tag, MemberNotices notices) {
            this.tag = tag;
            this.notices = notices;
        }
    }

    private final Simulator simulator;
    private final SimNode node;
    private final boolean sendNotices;
    private final RouteGroup group;
    private final Map<RouteHandle, Member> members = new LinkedHashMap<>();
    private boolean flushScheduled;
    int noticesReceived;
    int noticesSent;

    NoticeGroupEnd(Simulator simulator, SimNode node, GroupConfig config, boolean sendNotices) {
        this.simulator = simulator;
        this.node = node;
        this.sendNotices = sendNotices;
        this.group = new RouteGroup(config);
    }

    RouteGroup group() {
        return group;
    }

    int memberCount() {
        return members.size();
    }

    void addMember(RouteHandle route, int tag) {
        group.addMember(route);
        members.put(route, new Member(tag, new MemberNotices(bytes -> group.receive(route, bytes), this::peerLost)));
    }

    boolean isMember(RouteHandle route) {
        return members.containsKey(route);
    }

    void delivered(RouteHandle route, byte[] payload) {
        Member member = members.get(route);
        if (member != null && member.alive) {
            member.notices.feed(payload);
            scheduleFlush();
        }
    }

    void writable(RouteHandle route) {
        group.writable(route);
        scheduleFlush();
    }

    /** The member's route failed or closed. */
    void ended(RouteHandle route) {
        Member lost = members.get(route);
        if (lost == null || !lost.alive) {
            return;
        }
        lost.alive = false;
        group.memberFailed(route);
        if (sendNotices && !group.isBroken()) {
            for (Member member : members.values()) {
                if (member.alive) {
                    member.pendingNotice = MemberNotices.memberLost(lost.tag);
                    noticesSent++;
                }
            }
        }
        scheduleFlush();
    }

    private void peerLost(int tag) {
        noticesReceived++;
        members.forEach((route, member) -> {
            if (member.tag == tag && member.alive) {
                node.closeRoute(route);
                ended(route);
            }
        });
    }

    /** Hands frames to members after everything that happens at this instant, one ACK for all of it. */
    void scheduleFlush() {
        if (flushScheduled) {
            return;
        }
        flushScheduled = true;
        simulator.schedule(simulator.now(), () -> {
            flushScheduled = false;
            flush();
        });
    }

    void flush() {
        group.flush((route, frame) -> {
            Member member = members.get(route);
            if (member.pendingNotice != null) {
                // The notice goes first, whole; until it is taken the member takes no frame.
                if (node.send(route, member.pendingNotice) != SendResult.ACCEPTED) {
                    return false;
                }
                member.pendingNotice = null;
            }
            return node.send(route, frame) == SendResult.ACCEPTED;
        });
        for (Map.Entry<RouteHandle, Member> entry : members.entrySet()) {
            Member member = entry.getValue();
            if (member.alive && member.pendingNotice != null
                    && node.send(entry.getKey(), member.pendingNotice) == SendResult.ACCEPTED) {
                member.pendingNotice = null;
            }
        }
        RouteHandle broken;
        while ((broken = group.pollBrokenMember()) != null) {
            node.closeRoute(broken);
        }
    }
}
