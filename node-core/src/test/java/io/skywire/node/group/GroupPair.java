package io.skywire.node.group;

import io.skywire.node.engine.RouteHandle;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two route groups joined by in-memory member routes: each route direction is an ordered queue with a capacity in
 * frames (back-pressure), and a seeded random choice of which route delivers next reorders across routes.
 */
final class GroupPair {

    /** One member route, both directions. */
    static final class Route {
        final RouteHandle handle;
        final ArrayDeque<byte[]> toB = new ArrayDeque<>();
        final ArrayDeque<byte[]> toA = new ArrayDeque<>();
        boolean alive = true;

        Route(long id) {
            this.handle = new RouteHandle(id);
        }
    }

    final RouteGroup a;
    final RouteGroup b;
    final List<Route> routes = new ArrayList<>();
    final ByteArrayOutputStream receivedAtB = new ByteArrayOutputStream();
    private final int capacity;
    private final SplittableRandom random;
    boolean readAtB = true;
    /** Bytes of the current transfer A has written so far. */
    int written;

    GroupPair(GroupConfig config, int members, int capacityFrames, long seed) {
        this.a = new RouteGroup(config);
        this.b = new RouteGroup(config);
        this.capacity = capacityFrames;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < members; i++) {
            // Route ids 100, 101, ...
            Route route = new Route(100 + i);
            routes.add(route);
            a.addMember(route.handle);
            b.addMember(route.handle);
        }
    }

    private Route route(RouteHandle handle) {
        return routes.stream().filter(r -> r.handle.equals(handle)).findFirst().orElseThrow();
    }

    void flush() {
        a.flush((handle, frame) -> offer(route(handle).toB, route(handle), frame));
        b.flush((handle, frame) -> offer(route(handle).toA, route(handle), frame));
    }

    private boolean offer(ArrayDeque<byte[]> queue, Route route, byte[] frame) {
        if (!route.alive) {
            return false;
        }
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(frame);
        return true;
    }

    /** Delivers one frame from a random non-empty direction; false when every queue is empty. */
    boolean step() {
        List<ArrayDeque<byte[]>> busy = new ArrayList<>();
        List<Route> owners = new ArrayList<>();
        for (Route route : routes) {
            if (!route.toB.isEmpty()) {
                busy.add(route.toB);
                owners.add(route);
            }
            if (!route.toA.isEmpty()) {
                busy.add(route.toA);
                owners.add(route);
            }
        }
        if (busy.isEmpty()) {
            return false;
        }
        int pick = random.nextInt(busy.size());
        ArrayDeque<byte[]> queue = busy.get(pick);
        Route route = owners.get(pick);
        byte[] frame = queue.pollFirst();
        if (queue == route.toB) {
            b.receive(route.handle, frame);
            if (readAtB) {
                drainB();
            }
        } else {
            a.receive(route.handle, frame);
        }
        // The queue has room again: both sides may use the route.
        a.writable(route.handle);
        b.writable(route.handle);
        return true;
    }

    /** Whether B has read exactly {@code sent}, without printing megabytes when it has not. */
    boolean bReceivedExactly(byte[] sent) {
        return java.util.Arrays.equals(receivedAtB.toByteArray(), sent);
    }

    void drainB() {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = b.read(buffer, 0, buffer.length)) > 0) {
            receivedAtB.write(buffer, 0, n);
        }
    }

    /** A route dies: what it held is lost and both ends are told. */
    void kill(int index) {
        Route route = routes.get(index);
        route.alive = false;
        route.toA.clear();
        route.toB.clear();
        a.memberFailed(route.handle);
        b.memberFailed(route.handle);
    }

    /** Writes {@code data} from A, moving frames until B has read it all or nothing moves; returns the steps. */
    int transfer(byte[] data, int killRouteAtStep, int killIndex) {
        int steps = 0;
        while (steps < 1_000_000) {
            written += a.write(data, written, data.length - written);
            flush();
            if (steps == killRouteAtStep) {
                kill(killIndex);
                flush();
            }
            if (!step()) {
                flush();
                if (!step()) {
                    break;
                }
            }
            steps++;
        }
        return steps;
    }
}
