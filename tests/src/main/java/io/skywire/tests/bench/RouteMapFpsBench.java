package io.skywire.tests.bench;

import io.skywire.app.ui.RouteMapCanvas;
import io.skywire.app.ui.Screen;
import io.skywire.app.ui.Themes;
import io.skywire.app.ui.map.ForwardedRoute;
import io.skywire.app.ui.map.MapLink;
import io.skywire.app.ui.map.MapNode;
import io.skywire.app.ui.map.OwnRoute;
import io.skywire.app.ui.map.RouteMap;
import io.skywire.app.ui.map.RouteMapModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Frames per second of the real route map renderer ({@link RouteMapCanvas} over a {@link RouteMapModel}) with a
 * synthetic graph of 1,000 nodes and about 3,000 links, four routes whose dots move on every frame (so every pulse
 * repaints the dots), against the same with 100 nodes measured in the same run, and 1,000 nodes under each gesture
 * the map offers: panning (the view moves a pixel every pulse), zooming (the wheel turning on every pulse, in and out
 * around the window's centre) and dragging a node (a node moved along a circle on every pulse, its neighbours
 * following as the layout reacts). The layout is settled first: this measures drawing, and the settling time is
 * printed beside it.
 *
 * <p>Runs on whatever JavaFX toolkit starts: a desktop, or (the default when {@code glass.platform} is not set)
 * headless Monocle with the software renderer, which is slower than a GPU pipeline, so its figures are a floor.
 *
 * <p>Usage: {@code RouteMapFpsBench [seconds]} (default 10 per graph).
 */
public final class RouteMapFpsBench {

    private static final int WIDTH = 1080;
    private static final int HEIGHT = 640;

    private RouteMapFpsBench() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int seconds = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 10;
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        up.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        String pipeline = System.getProperty("glass.platform", "desktop") + ", prism " + System.getProperty(
                "prism.order", "default");
        out.printf(Locale.ROOT, "route map fps, %d s per graph, %dx%d canvas, toolkit: %s, %d cores, load %.2f%n",
                seconds, WIDTH, HEIGHT, pipeline, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Warm-up (not reported): the JIT compiles the painting and layout code before either graph is measured.
        for (Gesture gesture : Gesture.values()) {
            run(1_000, 3_000, 2, gesture);
        }
        Result baseline = run(100, 300, seconds, Gesture.NONE);
        List<Result> results = new ArrayList<>(List.of(baseline));
        for (Gesture gesture : Gesture.values()) {
            results.add(run(1_000, 3_000, seconds, gesture));
        }
        out.printf(Locale.ROOT, "%-28s %8s %8s %10s %12s%n", "graph", "nodes", "links", "fps", "settle ms");
        for (Result result : results) {
            out.printf(Locale.ROOT, "%-28s %8d %8d %10.1f %12d%n", result.label, result.nodes, result.links,
                    result.fps, result.settleMillis);
        }
        for (Result result : results.subList(1, results.size())) {
            out.printf(Locale.ROOT, "ratio fps %s / 100 nodes: %.2f (goal: 1,000 nodes >= 30 fps)%n", result.label,
                    result.fps / baseline.fps);
        }
        Platform.exit();
    }

    private record Result(String label, int nodes, int links, double fps, long settleMillis) {
    }

    /** What the user does on every pulse while the frames are counted (the traffic dots move in every case). */
    private enum Gesture {
        /** Nothing: only the traffic moves. */
        NONE(""),
        /** Dragging the background: the view moves a pixel per pulse, 100 pulses one way, then back. */
        PAN(", panning"),
        /** The wheel: the view zooms by 2 % per pulse around the centre, 60 pulses in, then 60 out. */
        ZOOM(", zooming"),
        /** Dragging the node nearest the centre along a circle of 80 pixels, 3 degrees per pulse. */
        DRAG(", dragging a node");

        final String label;

        Gesture(String label) {
            this.label = label;
        }

        /** The gesture's {@code step}th pulse, through the same model calls the canvas's mouse handlers make. */
        void apply(RouteMapModel model, int step, String node) {
            switch (this) {
                case PAN -> model.pan((step / 100) % 2 == 0 ? 1 : -1, 0);
                case ZOOM -> model.zoom((step / 60) % 2 == 0 ? 1.02 : 1 / 1.02, WIDTH / 2.0, HEIGHT / 2.0);
                case DRAG -> {
                    double angle = Math.toRadians(3 * step);
                    model.drag(node, WIDTH / 2.0 + 80 * Math.cos(angle), HEIGHT / 2.0 + 80 * Math.sin(angle));
                }
                default -> {
                }
            }
        }
    }

    /** One graph for {@code seconds}, the user doing {@code gesture} on every pulse. */
    private static Result run(int nodes, int links, int seconds, Gesture gesture) throws Exception {
        RouteMap first = synthetic(nodes, links, 0, 0);
        RouteMap second = synthetic(nodes, links, TimeUnit.SECONDS.toNanos(1), 8L << 20);
        CompletableFuture<Object[]> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Themes.apply(false);
                RouteMapModel model = new RouteMapModel(7);
                model.accept(first);
                model.accept(second);
                long start = System.nanoTime();
                model.layout().settle(20_000);
                long settle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                RouteMapCanvas canvas = new RouteMapCanvas();
                StackPane root = new StackPane(canvas);
                root.getStyleClass().add("route-map");
                Scene scene = new Scene(root, WIDTH, HEIGHT);
                scene.getStylesheets().add(Screen.ROUTE_MAP.css().toExternalForm());
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                canvas.show(model);
                if (gesture != Gesture.NONE) {
                    // The view is fitted on the first frame; the node nearest the centre is picked after it.
                    new javafx.animation.AnimationTimer() {
                        private int step;
                        private String node;

                        @Override
                        public void handle(long now) {
                            if (!stage.isShowing()) {
                                stop();
                                return;
                            }
                            if (node == null) {
                                node = nearest(model, WIDTH / 2.0, HEIGHT / 2.0);
                            }
                            gesture.apply(model, step++, node);
                        }
                    }.start();
                }
                shown.complete(new Object[] {canvas, stage, settle});
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        });
        Object[] parts = shown.get(60, TimeUnit.SECONDS);
        RouteMapCanvas canvas = (RouteMapCanvas) parts[0];
        Stage stage = (Stage) parts[1];
        Thread.sleep(1_000);
        long before = onFx(canvas::framesPainted);
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long after = onFx(canvas::framesPainted);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Platform.runLater(() -> {
            canvas.stop();
            stage.close();
        });
        return new Result(nodes + " nodes" + gesture.label, nodes, second.links().size(), (after - before) / elapsed,
                (Long) parts[2]);
    }

    /** The id of the node whose screen position is nearest (sx, sy). */
    private static String nearest(RouteMapModel model, double sx, double sy) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < model.layout().size(); i++) {
            double d = Math.hypot(model.view().toScreenX(model.layout().x(i)) - sx,
                    model.view().toScreenY(model.layout().y(i)) - sy);
            if (d < bestDistance) {
                bestDistance = d;
                best = model.layout().id(i);
            }
        }
        return best;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(read.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    /**
     * A seeded mesh: a ring (so it is connected) plus random chords up to {@code links}, a tenth of the nodes gateways,
     * four routes of five hops along links carrying {@code bytes} so far, and a few forwarded routes.
     */
    static RouteMap synthetic(int nodes, int links, long nanos, long bytes) {
        Random random = new Random(nodes);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ids.add(String.format(Locale.ROOT, "%066x", i + 1));
        }
        Set<MapLink> edges = new LinkedHashSet<>();
        Map<Integer, List<Integer>> adjacent = new HashMap<>();
        for (int i = 0; i < nodes; i++) {
            add(edges, adjacent, ids, i, (i + 1) % nodes);
        }
        while (edges.size() < links) {
            int a = random.nextInt(nodes);
            int b = random.nextInt(nodes);
            if (a != b) {
                add(edges, adjacent, ids, a, b);
            }
        }
        Map<String, MapNode> map = new LinkedHashMap<>();
        for (int i = 0; i < nodes; i++) {
            boolean gateway = i % 10 == 9;
            map.put(ids.get(i), new MapNode(ids.get(i), ids.get(i).substring(50), i == 0, true,
                    List.of("udp4://127.0.0.1:" + (40_000 + i)), 100_000L * (i % 5), 1_000_000,
                    gateway ? new io.skywire.node.routing.GatewayTerms(500_000, "eu-west") : null,
                    i % 3 == 0 ? OptionalLong.of(1_000L * i) : OptionalLong.empty()));
        }
        List<OwnRoute> routes = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            List<String> hops = new ArrayList<>();
            int at = 0;
            hops.add(ids.get(0));
            for (int h = 0; h < 5; h++) {
                List<Integer> next = adjacent.get(at);
                at = next.get(random.nextInt(next.size()));
                hops.add(ids.get(at));
            }
            routes.add(new OwnRoute(hops, r, true, bytes));
        }
        List<ForwardedRoute> forwarded = new ArrayList<>();
        List<Integer> neighbours = adjacent.get(0);
        for (int f = 0; f + 1 < neighbours.size() && f < 3; f++) {
            forwarded.add(new ForwardedRoute(100 + f, ids.get(neighbours.get(f)), ids.get(neighbours.get(f + 1)),
                    bytes));
        }
        return new RouteMap(nanos, ids.get(0), map, new ArrayList<>(edges), routes, forwarded);
    }

    private static void add(Set<MapLink> edges, Map<Integer, List<Integer>> adjacent, List<String> ids, int a,
                            int b) {
        if (edges.add(MapLink.between(ids.get(a), ids.get(b)))) {
            adjacent.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
            adjacent.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        }
    }
}
