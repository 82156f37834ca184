package io.skywire.node.gateway;

import io.netty.channel.EventLoop;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteGroupSession;
import io.skywire.node.runtime.RouteSession;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens the client's end of a tunnel to a {@link GatewayCandidate}: one route when it has one path; with several,
 * one route per path, set up in parallel, each starting with its {@link GroupJoin}, joined into one
 * {@link RouteGroupSession}. Paths whose route does not come up are left out (the tunnel starts degraded); the
 * tunnel fails only when none comes up.
 */
final class TunnelRoutes {

    /**
     * An opened tunnel.
     *
     * @param pipe   what the streams run over
     * @param group  the route group, or null for a single route
     * @param routes member routes that came up
     * @param paths  paths the candidate has
     * @param members the route of each path, in the candidate's order; null where it did not come up
     */
    record Opened(TunnelPipe pipe, RouteGroupSession group, int routes, int paths, List<RouteSession> members) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private TunnelRoutes() {
    }

    static CompletableFuture<Opened> open(NodeRuntime node, RouteOpener opener, GatewayCandidate candidate,
                                          EventLoop loop, long setupSeconds) {
        List<List<NodeId>> paths = candidate.paths();
        if (paths.size() == 1) {
            return opener.open(node, candidate.path()).orTimeout(setupSeconds, TimeUnit.SECONDS)
                    .thenApply(session -> new Opened(TunnelPipe.of(session), null, 1, 1,
                            java.util.Collections.singletonList(session)));
        }
        List<CompletableFuture<RouteSession>> opening = new ArrayList<>();
        for (List<NodeId> path : paths) {
            opening.add(opener.open(node, path).orTimeout(setupSeconds, TimeUnit.SECONDS));
        }
        return CompletableFuture.allOf(opening.stream().map(f -> f.handle((s, e) -> null))
                        .toArray(CompletableFuture[]::new))
                .thenApplyAsync(ignored -> join(opening, paths.size(), loop), loop);
    }

    private static Opened join(List<CompletableFuture<RouteSession>> opening, int paths, EventLoop loop) {
        List<RouteSession> up = new ArrayList<>();
        List<RouteSession> members = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<RouteSession> route : opening) {
            try {
                up.add(route.join());
                members.add(up.get(up.size() - 1));
            } catch (CompletionException e) {
                failures.add(String.valueOf(e.getCause()));
                members.add(null);
            }
        }
        if (up.isEmpty()) {
            throw new CompletionException(new java.io.IOException("no route to the gateway came up: "
                    + String.join("; ", failures)));
        }
        RouteGroupSession group = new RouteGroupSession(GroupJoin.TUNNEL_GROUP, loop, GroupJoin.MEMBER_STALL_MILLIS);
        GroupJoin.GroupId id = GroupJoin.GroupId.random(RANDOM);
        for (int i = 0; i < up.size(); i++) {
            // The join goes first: every frame the group sends on the member is queued behind it.
            up.get(i).send(new GroupJoin(id, i, up.size()).encode());
            group.addMember(up.get(i), i);
        }
        return new Opened(TunnelPipe.of(group), group, up.size(), paths,
                java.util.Collections.unmodifiableList(members));
    }
}
