package io.skywire.app.ui.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Where each node of the map sits: a force-directed layout (Fruchterman-Reingold: linked nodes pull together, all
 * nodes push apart) that stays cheap at 1,000 nodes and keeps its picture stable as the network changes.
 *
 * <p>Cheap: repulsion only acts within two ideal link lengths, found through a uniform grid of cells that size, so a
 * step costs about the node count times the few nodes of nine cells instead of the node count squared. Stable: every
 * node has its own temperature (how far it may move in a step), cooling each step; a node that appears starts hot,
 * next to the nodes it links to (or at the edge when it links to none yet), while the nodes already placed warm only
 * a little, so the picture the user knows barely moves. A node the user dropped is pinned and never moves again.
 * Randomness comes from a seed, so the same graph lays out the same way.
 *
 * <p>Not thread-safe: one thread (the FX thread, or a test's) owns it.
 */
public final class ForceLayout {

    /** The ideal distance between linked nodes, in world units. */
    public static final double LINK_LENGTH = 60;
    private static final double REACH = 2 * LINK_LENGTH;
    private static final double HOT = 2 * LINK_LENGTH;
    private static final double WARM = 0.1 * LINK_LENGTH;
    private static final double COLD = 0.02 * LINK_LENGTH;
    private static final double COOLING = 0.97;
    /** A weak pull towards the origin, so parts of the graph without links between them stay in view. */
    private static final double GRAVITY = 0.005;

    private final Random random;
    private final Map<String, Integer> index = new HashMap<>();
    private String[] ids = new String[0];
    private double[] x = new double[0];
    private double[] y = new double[0];
    private double[] heat = new double[0];
    private boolean[] pinned = new boolean[0];
    private int[][] neighbours = new int[0][];
    private Set<MapLink> lastLinks = Set.of();

    public ForceLayout(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Takes the map's current nodes and links: nodes that left are dropped, nodes that arrived are placed near their
     * placed neighbours and made hot, and the ends of links that came or went are warmed a little.
     */
    public void update(List<String> nodeIds, List<MapLink> links) {
        int n = nodeIds.size();
        String[] newIds = nodeIds.toArray(new String[0]);
        double[] nx = new double[n];
        double[] ny = new double[n];
        double[] nheat = new double[n];
        boolean[] npinned = new boolean[n];
        boolean[] placed = new boolean[n];
        Map<String, Integer> newIndex = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            newIndex.put(newIds[i], i);
            Integer old = index.get(newIds[i]);
            if (old != null) {
                nx[i] = x[old];
                ny[i] = y[old];
                nheat[i] = heat[old];
                npinned[i] = pinned[old];
                placed[i] = true;
            }
        }
        int[][] adjacency = adjacency(newIndex, n, links);
        boolean[] wasPlaced = placed.clone();
        place(newIds, nx, ny, placed, adjacency);
        // Only where the graph changed does the picture move: new nodes start hot, and the nodes that gained or lost a
        // link, or neighbour a new node, warm a little. Everything else keeps its place.
        Set<MapLink> now = new HashSet<>(links);
        Set<String> touched = new HashSet<>();
        for (MapLink link : now) {
            if (!lastLinks.contains(link)) {
                touched.add(link.a());
                touched.add(link.b());
            }
        }
        for (MapLink link : lastLinks) {
            if (!now.contains(link)) {
                touched.add(link.a());
                touched.add(link.b());
            }
        }
        for (int i = 0; i < n; i++) {
            if (!wasPlaced[i]) {
                nheat[i] = HOT;
            } else if (touched.contains(newIds[i])) {
                nheat[i] = Math.max(nheat[i], WARM);
            }
        }
        ids = newIds;
        x = nx;
        y = ny;
        heat = nheat;
        pinned = npinned;
        neighbours = adjacency;
        lastLinks = now;
        index.clear();
        index.putAll(newIndex);
    }

    private static int[][] adjacency(Map<String, Integer> index, int n, List<MapLink> links) {
        List<List<Integer>> lists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>(4));
        }
        for (MapLink link : links) {
            Integer a = index.get(link.a());
            Integer b = index.get(link.b());
            if (a != null && b != null) {
                lists.get(a).add(b);
                lists.get(b).add(a);
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    /**
     * New nodes: beside the centre of their placed neighbours when they have some (in passes, so a chain of new nodes
     * grows outwards from the placed part), otherwise on a spiral around the origin (a first layout) or just outside
     * the placed nodes (a newcomer nobody links to yet).
     */
    private void place(String[] newIds, double[] nx, double[] ny, boolean[] placed, int[][] adjacency) {
        int n = newIds.length;
        int placedBefore = 0;
        double extent = 0;
        for (int i = 0; i < n; i++) {
            if (placed[i]) {
                placedBefore++;
                extent = Math.max(extent, Math.hypot(nx[i], ny[i]));
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (placed[i]) {
                    continue;
                }
                double sx = 0;
                double sy = 0;
                int count = 0;
                for (int j : adjacency[i]) {
                    if (placed[j]) {
                        sx += nx[j];
                        sy += ny[j];
                        count++;
                    }
                }
                if (count > 0) {
                    double angle = random.nextDouble() * 2 * Math.PI;
                    nx[i] = sx / count + Math.cos(angle) * LINK_LENGTH * 0.5;
                    ny[i] = sy / count + Math.sin(angle) * LINK_LENGTH * 0.5;
                    placed[i] = true;
                    progress = true;
                }
            }
        }
        int spiral = 0;
        for (int i = 0; i < n; i++) {
            if (placed[i]) {
                continue;
            }
            double radius;
            double angle;
            if (placedBefore == 0) {
                // A sunflower spiral: even density, so the first layout starts untangled and cools quickly.
                radius = LINK_LENGTH * 0.6 * Math.sqrt(spiral + 0.5);
                angle = spiral * 2.399963229728653;
            } else {
                radius = extent + LINK_LENGTH;
                angle = random.nextDouble() * 2 * Math.PI;
            }
            spiral++;
            nx[i] = radius * Math.cos(angle);
            ny[i] = radius * Math.sin(angle);
            placed[i] = true;
        }
    }

    /**
     * One step of the simulation; returns whether any node moved (false once the layout has cooled, so a caller
     * redraws only while it settles).
     */
    public boolean step() {
        int n = ids.length;
        if (n == 0) {
            return false;
        }
        // Only hot, unpinned nodes move, so only their forces are computed: every pair with at least one of them
        // once. While the user drags a node, that is a handful of neighbours, not the whole graph.
        int[] active = new int[n];
        boolean[] isActive = new boolean[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (heat[i] > COLD && !pinned[i]) {
                active[count++] = i;
                isActive[i] = true;
            }
        }
        if (count == 0) {
            return false;
        }
        double[] fx = new double[n];
        double[] fy = new double[n];
        repel(fx, fy, active, count, isActive);
        double k = LINK_LENGTH;
        for (int a = 0; a < count; a++) {
            int i = active[a];
            for (int j : neighbours[i]) {
                if (j > i || !isActive[j]) {
                    double ddx = x[i] - x[j];
                    double ddy = y[i] - y[j];
                    double d = Math.max(0.01, Math.hypot(ddx, ddy));
                    double force = d * d / k;
                    double ux = ddx / d * force;
                    double uy = ddy / d * force;
                    fx[i] -= ux;
                    fy[i] -= uy;
                    fx[j] += ux;
                    fy[j] += uy;
                }
            }
        }
        boolean moved = false;
        for (int a = 0; a < count; a++) {
            int i = active[a];
            fx[i] -= GRAVITY * x[i];
            fy[i] -= GRAVITY * y[i];
            double length = Math.hypot(fx[i], fy[i]);
            if (length > 0) {
                double limit = Math.min(length, heat[i]);
                x[i] += fx[i] / length * limit;
                y[i] += fy[i] / length * limit;
                moved = true;
            }
            heat[i] *= COOLING;
        }
        return moved;
    }

    /**
     * Repulsion k²/d between nodes closer than {@link #REACH}, for every pair with at least one active node (once),
     * neighbours found through a grid of that cell size: a dense array of cells over the nodes' box, its sides capped
     * near twice the square root of the node count. A node beyond the cap (one dragged far away) is counted in the
     * edge cell: clamping never separates two nodes within reach into cells that are not neighbours, it only makes a
     * crowded edge cell, whose far pairs the distance test drops.
     */
    private void repel(double[] fx, double[] fy, int[] active, int count, boolean[] isActive) {
        int n = ids.length;
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            minY = Math.min(minY, y[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
        }
        int cap = 2 * (int) Math.ceil(Math.sqrt(n)) + 2;
        int cols = (int) Math.max(1, Math.min(cap, Math.floor((maxX - minX) / REACH) + 1));
        int rows = (int) Math.max(1, Math.min(cap, Math.floor((maxY - minY) / REACH) + 1));
        int[] cellOf = new int[n];
        int[] start = new int[cols * rows + 1];
        for (int i = 0; i < n; i++) {
            cellOf[i] = slot(x[i], minX, cols) + slot(y[i], minY, rows) * cols;
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < cols * rows; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            members[fill[cellOf[i]]++] = i;
        }
        double k2 = LINK_LENGTH * LINK_LENGTH;
        double reach2 = REACH * REACH;
        for (int a = 0; a < count; a++) {
            int i = active[a];
            int cx = slot(x[i], minX, cols);
            int cy = slot(y[i], minY, rows);
            for (int oy = Math.max(0, cy - 1); oy <= Math.min(rows - 1, cy + 1); oy++) {
                for (int ox = Math.max(0, cx - 1); ox <= Math.min(cols - 1, cx + 1); ox++) {
                    int cell = ox + oy * cols;
                    for (int m = start[cell]; m < start[cell + 1]; m++) {
                        int j = members[m];
                        if (j == i || j < i && isActive[j]) {
                            continue;
                        }
                        double ddx = x[i] - x[j];
                        double ddy = y[i] - y[j];
                        double d2 = ddx * ddx + ddy * ddy;
                        if (d2 > reach2) {
                            continue;
                        }
                        if (d2 < 1e-4) {
                            // Two nodes on one spot: push them apart in a seeded direction.
                            double angle = random.nextDouble() * 2 * Math.PI;
                            ddx = Math.cos(angle) * 0.01;
                            ddy = Math.sin(angle) * 0.01;
                            d2 = 1e-4;
                        }
                        double force = k2 / d2;
                        fx[i] += ddx * force;
                        fy[i] += ddy * force;
                        fx[j] -= ddx * force;
                        fy[j] -= ddy * force;
                    }
                }
            }
        }
    }

    /** The column (or row) of the grid that a coordinate falls in, the last one for anything beyond. */
    private static int slot(double at, double min, int slots) {
        return (int) Math.min(slots - 1, Math.floor((at - min) / REACH));
    }

    /** Runs steps until the layout cools or {@code maxSteps} ran; returns the steps taken. */
    public int settle(int maxSteps) {
        int steps = 0;
        while (steps < maxSteps && step()) {
            steps++;
        }
        return steps;
    }

    /** Nodes laid out. */
    public int size() {
        return ids.length;
    }

    /** The index of node {@code id}, or -1. */
    public int indexOf(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** Node {@code i}'s id. */
    public String id(int i) {
        return ids[i];
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    /** Puts node {@code id} at a point and pins it there (the user dropped it); false for an unknown node. */
    public boolean pin(String id, double atX, double atY) {
        int i = indexOf(id);
        if (i < 0) {
            return false;
        }
        x[i] = atX;
        y[i] = atY;
        pinned[i] = true;
        heat[i] = 0;
        for (int j : neighbours[i]) {
            // Its neighbours follow a little, as if the user had pulled on their links.
            heat[j] = Math.max(heat[j], WARM);
        }
        return true;
    }

    /** Whether the user pinned node {@code i}. */
    public boolean pinned(int i) {
        return pinned[i];
    }

    /** Whether every unpinned node has cooled down. */
    public boolean settled() {
        for (int i = 0; i < ids.length; i++) {
            if (!pinned[i] && heat[i] > COLD) {
                return false;
            }
        }
        return true;
    }

    /** The smallest box around every node: {minX, minY, maxX, maxY}, or all zero when empty. */
    public double[] bounds() {
        if (ids.length == 0) {
            return new double[4];
        }
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < ids.length; i++) {
            box[0] = Math.min(box[0], x[i]);
            box[1] = Math.min(box[1], y[i]);
            box[2] = Math.max(box[2], x[i]);
            box[3] = Math.max(box[3], y[i]);
        }
        return box;
    }
}
