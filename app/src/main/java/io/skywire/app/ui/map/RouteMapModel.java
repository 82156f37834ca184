package io.skywire.app.ui.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state the route map canvas paints, in plain Java: the latest {@link RouteMap}, where its nodes sit
 * ({@link ForceLayout}), the view's zoom and pan ({@link ViewTransform}), the selected node, and the dots that move
 * along the client's live routes. Dots move at a speed proportional to the traffic measured on their route between two
 * readings (capped, so a fast route stays readable), and stand still on a route that carries nothing: the map shows
 * traffic, it never animates for show.
 *
 * <p>{@link #tick} says what changed since the last frame, so the canvas repaints only then, and only the dots when
 * nothing else moved. Owned by one
 * thread (the FX thread, or a test's).
 */
public final class RouteMapModel {

    /** Bytes per second that move a dot one hop per second; dots move proportionally below the cap. */
    public static final double BYTES_PER_HOP_PER_SECOND = 64 * 1024;
    /** The fastest a dot moves, hops per second. */
    public static final double MAX_HOPS_PER_SECOND = 4;
    /** Dots on each route. */
    public static final int DOTS_PER_ROUTE = 3;
    /** A node's radius on screen, pixels; clicks within it hit the node. */
    public static final double NODE_RADIUS = 6;
    private static final int LAYOUT_NODE_STEPS_PER_FRAME = 4_000;
    private static final int MAX_LAYOUT_STEPS_PER_FRAME = 100;

    private final ForceLayout layout;
    private final ViewTransform view = new ViewTransform();
    private final Map<Long, Long> lastBytes = new HashMap<>();
    private final Map<Long, Double> rates = new HashMap<>();
    private final Map<Long, Double> phases = new HashMap<>();
    private RouteMap map;
    private Set<String> highlighted = Set.of();
    private long lastReadingNanos;
    private long lastTickNanos;
    private String selected;
    private boolean dirty = true;
    private boolean userMovedView;
    private double width;
    private double height;

    public RouteMapModel(long seed) {
        this.layout = new ForceLayout(seed);
    }

    /** Takes a new reading: nodes and links go to the layout, byte counts become each route's rate. */
    public void accept(RouteMap next) {
        Objects.requireNonNull(next, "next");
        double seconds = map == null ? 0 : (next.nanos() - lastReadingNanos) / 1e9;
        Map<Long, Long> bytesNow = new HashMap<>();
        for (OwnRoute route : next.routes()) {
            if (route.handle() < 0) {
                continue;
            }
            bytesNow.put(route.handle(), route.bytes());
            Long before = lastBytes.get(route.handle());
            if (route.live() && before != null && seconds > 0 && route.bytes() >= before) {
                rates.put(route.handle(), (route.bytes() - before) / seconds);
            } else if (!route.live()) {
                rates.remove(route.handle());
            }
        }
        rates.keySet().retainAll(bytesNow.keySet());
        phases.keySet().retainAll(bytesNow.keySet());
        lastBytes.clear();
        lastBytes.putAll(bytesNow);
        lastReadingNanos = next.nanos();
        map = next;
        // Asked for every node of every painted frame: computed once per reading.
        highlighted = Collections.unmodifiableSet(next.liveHops());
        layout.update(new ArrayList<>(next.nodes().keySet()), next.links());
        if (selected != null && !next.nodes().containsKey(selected)) {
            selected = null;
        }
        dirty = true;
    }

    /** What a frame must repaint: nothing, only the moving dots, or everything. */
    public enum Repaint {
        NONE,
        /** Only the dots moved. */
        DOTS,
        ALL
    }

    /**
     * Advances to {@code nanos}: some layout steps, the dots, and the view (fitted to the graph until the user zooms or
     * pans). Returns what the canvas must repaint (only the dots when nothing else changed); clears that need.
     *
     * @param width  the canvas's width in pixels
     * @param height its height
     */
    public Repaint tick(long nanos, double width, double height) {
        boolean resized = width != this.width || height != this.height;
        this.width = width;
        this.height = height;
        double seconds = lastTickNanos == 0 ? 0 : Math.min(0.25, (nanos - lastTickNanos) / 1e9);
        lastTickNanos = nanos;
        // Layout work per frame in node-steps: a small graph settles within a frame or two, 1,000 nodes take four
        // steps a frame, so settling never starves the frame rate.
        int steps = Math.max(1, Math.min(MAX_LAYOUT_STEPS_PER_FRAME, LAYOUT_NODE_STEPS_PER_FRAME
                / Math.max(1, layout.size())));
        boolean moved = false;
        for (int i = 0; i < steps && layout.step(); i++) {
            moved = true;
        }
        if (!userMovedView && (moved || resized || dirty) && layout.size() > 0) {
            view.fit(layout.bounds(), width, height, 40);
        }
        boolean animating = false;
        if (map != null && seconds > 0) {
            for (OwnRoute route : map.routes()) {
                double speed = hopsPerSecond(route);
                if (speed > 0) {
                    double hops = route.hops().size() - 1;
                    phases.merge(route.handle(), speed * seconds, (a, b) -> (a + b) % hops);
                    animating = true;
                }
            }
        }
        boolean all = dirty || moved || resized;
        dirty = false;
        if (all) {
            return Repaint.ALL;
        }
        return animating ? Repaint.DOTS : Repaint.NONE;
    }

    /** How fast dots move on {@code route}: proportional to its measured rate, capped; 0 when it carries nothing. */
    public double hopsPerSecond(OwnRoute route) {
        if (!route.live()) {
            return 0;
        }
        double rate = rates.getOrDefault(route.handle(), 0.0);
        return Math.min(MAX_HOPS_PER_SECOND, rate / BYTES_PER_HOP_PER_SECOND);
    }

    /** The measured bytes per second of {@code route}, 0 before two readings. */
    public double bytesPerSecond(OwnRoute route) {
        return rates.getOrDefault(route.handle(), 0.0);
    }

    /**
     * The world positions of {@code route}'s dots as x, y pairs, spread evenly along its hops; empty for a route that
     * is not live.
     */
    public double[] dots(OwnRoute route) {
        if (!route.live()) {
            return new double[0];
        }
        int hops = route.hops().size() - 1;
        double phase = phases.getOrDefault(route.handle(), 0.0);
        double[] out = new double[2 * DOTS_PER_ROUTE];
        for (int d = 0; d < DOTS_PER_ROUTE; d++) {
            double along = (phase + d * (double) hops / DOTS_PER_ROUTE) % hops;
            int segment = (int) Math.floor(along);
            double t = along - segment;
            int from = layout.indexOf(route.hops().get(segment));
            int to = layout.indexOf(route.hops().get(segment + 1));
            out[2 * d] = layout.x(from) + (layout.x(to) - layout.x(from)) * t;
            out[2 * d + 1] = layout.y(from) + (layout.y(to) - layout.y(from)) * t;
        }
        return out;
    }

    /** The node under the screen point, or null: the nearest whose disc contains it. */
    public String nodeAt(double sx, double sy) {
        double wx = view.toWorldX(sx);
        double wy = view.toWorldY(sy);
        double reach = (NODE_RADIUS + 2) / view.scale();
        double best = reach * reach;
        String hit = null;
        for (int i = 0; i < layout.size(); i++) {
            double ddx = layout.x(i) - wx;
            double ddy = layout.y(i) - wy;
            double d2 = ddx * ddx + ddy * ddy;
            if (d2 <= best) {
                best = d2;
                hit = layout.id(i);
            }
        }
        return hit;
    }

    /** Moves node {@code id} to the screen point and pins it there. */
    public void drag(String id, double sx, double sy) {
        if (layout.pin(id, view.toWorldX(sx), view.toWorldY(sy))) {
            dirty = true;
        }
    }

    /** Zooms by {@code factor} around the screen point. */
    public void zoom(double factor, double sx, double sy) {
        view.zoomAt(factor, sx, sy);
        userMovedView = true;
        dirty = true;
    }

    /** Pans by screen pixels. */
    public void pan(double dx, double dy) {
        view.pan(dx, dy);
        userMovedView = true;
        dirty = true;
    }

    /** Fits the whole graph in view again, as before the user zoomed or panned. */
    public void fitAll() {
        userMovedView = false;
        dirty = true;
    }

    /** Selects node {@code id} (null: none); an unknown id selects nothing. */
    public void select(String id) {
        String now = id != null && map != null && map.nodes().containsKey(id) ? id : null;
        if (!Objects.equals(now, selected)) {
            selected = now;
            dirty = true;
        }
    }

    /** The selected node, or null. */
    public MapNode selectedNode() {
        return selected == null || map == null ? null : map.nodes().get(selected);
    }

    /** Ids of the hops of the client's live routes: what the canvas highlights. */
    public Set<String> highlighted() {
        return highlighted;
    }

    /**
     * Whether {@code node} is drawn above the routes rather than with the bulk of the map: this node, the hops of its
     * live routes, the selected node.
     */
    public boolean drawnAbove(MapNode node) {
        return node.self() || highlighted().contains(node.id()) || node.id().equals(selected);
    }

    /** The latest map, or null before the first reading. */
    public RouteMap map() {
        return map;
    }

    public ForceLayout layout() {
        return layout;
    }

    public ViewTransform view() {
        return view;
    }

    /** Asks for a redraw at the next tick (the theme changed, say). */
    public void invalidate() {
        dirty = true;
    }

    /** Routes in the order drawn (for tests and the painter). */
    public List<OwnRoute> routes() {
        return map == null ? List.of() : map.routes();
    }
}
