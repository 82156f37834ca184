package io.skywire.app.ui;

import io.skywire.app.ui.map.BulkLayer;
import io.skywire.app.ui.map.ForceLayout;
import io.skywire.app.ui.map.ForwardedRoute;
import io.skywire.app.ui.map.GraphRaster;
import io.skywire.app.ui.map.MapNode;
import io.skywire.app.ui.map.OwnRoute;
import io.skywire.app.ui.map.RouteMap;
import io.skywire.app.ui.map.RouteMapModel;
import io.skywire.app.ui.map.ViewTransform;
import java.nio.IntBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Paints a {@link RouteMapModel} in three layers. The bulk (every link and every plain node: thousands of shapes with
 * 1,000 nodes) is drawn by {@link BulkLayer} into a {@link GraphRaster}, a pixel array a {@link PixelBuffer} shows as
 * an image without copying; the few dozen shapes that carry meaning (forwarded and own routes, their hops, this node,
 * the selection, labels) go on a {@link Canvas} above it; the moving traffic dots on a second canvas on top. Prism's
 * software renderer takes a few hundred milliseconds to stroke 3,000 antialiased lines on a canvas, the raster a few:
 * so every zoom, pan, dragged node or layout step simply draws the map again, and the picture is never a stale or
 * shifted copy of the model.
 *
 * <p>An {@link AnimationTimer} asks the model every pulse what changed and paints only that: all three layers when the
 * graph or the view changed, otherwise only the dots (a dozen shapes); an idle map costs no drawing at all.
 *
 * <p>Mouse: scroll zooms around the pointer, dragging the background pans, dragging a node moves and pins it, a click
 * selects a node (or nothing). Colours follow the theme: the region's background comes from the screen's CSS (an
 * AtlantaFX colour), and a dark background picks the dark palette.
 */
public final class RouteMapCanvas extends Region {

    private static final double CLICK_SLOP = 4;
    private static final Font LABEL = Font.font(11);

    /** The bulk of the graph (links, plain nodes), drawn into {@link #raster} and shown as an image. */
    private final ImageView graph = new ImageView();
    /** Routes, their hops, the selection and labels: a few dozen shapes above the bulk. */
    private final Canvas canvas = new Canvas();
    private final Canvas dots = new Canvas();
    private final javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
    private GraphRaster raster;
    private PixelBuffer<IntBuffer> pixels;
    private double rasterScale = 1;
    private final AnimationTimer timer;
    private RouteMapModel model;
    private Consumer<MapNode> onSelect = node -> { };
    private long frames;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private String draggedNode;
    private boolean moved;
    private boolean pending;
    private boolean paintedDark;

    public RouteMapCanvas() {
        getStyleClass().add("route-map-canvas");
        getChildren().addAll(graph, canvas, dots);
        graph.setMouseTransparent(true);
        dots.setMouseTransparent(true);
        setClip(clip);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
        backgroundProperty().addListener((obs, old, now) -> {
            if (model != null) {
                model.invalidate();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    }

    /** Paints {@code shown} from now on and starts the timer. */
    public void show(RouteMapModel shown) {
        this.model = Objects.requireNonNull(shown, "shown");
        shown.invalidate();
        timer.start();
    }

    /** Stops painting (the screen was detached). */
    public void stop() {
        timer.stop();
    }

    /** Who hears a click on a node (null when the click hit the background). */
    public void onSelect(Consumer<MapNode> listener) {
        this.onSelect = Objects.requireNonNull(listener, "listener");
    }

    /** Frames painted so far (the frame-rate benchmark counts them). */
    public long framesPainted() {
        return frames;
    }

    /** Whether the last frame used the dark palette (the theme's background was dark). */
    public boolean paintedDark() {
        return paintedDark;
    }

    /** The model painted, or null before {@link #show}. */
    public RouteMapModel model() {
        return model;
    }

    @Override
    protected void layoutChildren() {
        clip.setWidth(getWidth());
        clip.setHeight(getHeight());
        for (Canvas layer : new Canvas[] {canvas, dots}) {
            layer.setWidth(Math.max(1, snapSizeX(getWidth())));
            layer.setHeight(Math.max(1, snapSizeY(getHeight())));
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 400;
    }

    /**
     * One pulse: advance the model, paint when it says something changed and the map is on screen (a change while
     * its tab is hidden is painted when it shows again).
     */
    void frame(long now) {
        if (model == null) {
            return;
        }
        RouteMapModel.Repaint repaint = model.tick(now, canvas.getWidth(), canvas.getHeight());
        if (!showing()) {
            pending |= repaint != RouteMapModel.Repaint.NONE;
        } else if (repaint == RouteMapModel.Repaint.ALL || pending) {
            pending = false;
            paint();
            paintDots();
            frames++;
        } else if (repaint == RouteMapModel.Repaint.DOTS) {
            paintDots();
            frames++;
        }
    }

    private boolean showing() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return false;
        }
        for (javafx.scene.Node node = this; node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void paint() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        paintedDark = isDark();
        Palette palette = Palette.of(paintedDark);
        GraphRaster raster = raster(w, h);
        palette.bulk().paint(raster, model, rasterScale);
        if (model.map() != null) {
            paintOverlay(g, model.map(), palette);
        }
        // The image reads the raster's own array: no copy, no format conversion, the whole of it marked changed.
        pixels.updateBuffer(changed -> null);
    }

    /** The raster (and the image showing it) for a w x h map at the window's output scale, made anew on a resize. */
    private GraphRaster raster(double w, double h) {
        double scale = getScene() != null && getScene().getWindow() != null
                ? getScene().getWindow().getOutputScaleX() : 1;
        int pixelsWide = Math.max(1, (int) Math.ceil(w * scale));
        int pixelsHigh = Math.max(1, (int) Math.ceil(h * scale));
        if (raster == null || raster.width() != pixelsWide || raster.height() != pixelsHigh) {
            raster = new GraphRaster(pixelsWide, pixelsHigh);
            pixels = new PixelBuffer<>(pixelsWide, pixelsHigh, IntBuffer.wrap(raster.pixels()),
                    PixelFormat.getIntArgbPreInstance());
            graph.setImage(new WritableImage(pixels));
        }
        graph.setFitWidth(pixelsWide / scale);
        graph.setFitHeight(pixelsHigh / scale);
        rasterScale = scale;
        return raster;
    }

    /** What is drawn above the bulk on the canvas: forwarded and own routes, their nodes, the selection, labels. */
    private void paintOverlay(GraphicsContext g, RouteMap map, Palette palette) {
        ForceLayout layout = model.layout();
        ViewTransform view = model.view();
        g.setLineCap(StrokeLineCap.ROUND);
        paintForwarded(g, map, palette);
        for (OwnRoute route : map.routes()) {
            g.setStroke(route.live() ? palette.route : palette.deadRoute);
            g.setLineWidth(route.live() ? 3.5 : 1.5);
            g.setLineDashes(route.live() ? null : new double[] {6, 6});
            g.beginPath();
            for (int i = 0; i < route.hops().size(); i++) {
                int at = layout.indexOf(route.hops().get(i));
                double x = view.toScreenX(layout.x(at));
                double y = view.toScreenY(layout.y(at));
                if (i == 0) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
            }
            g.stroke();
        }
        g.setLineDashes(null);

        Set<String> highlighted = model.highlighted();
        MapNode selected = model.selectedNode();
        double r = RouteMapModel.NODE_RADIUS;
        for (int i = 0; i < layout.size(); i++) {
            MapNode node = map.nodes().get(layout.id(i));
            if (!model.drawnAbove(node)) {
                continue;
            }
            double x = view.toScreenX(layout.x(i));
            double y = view.toScreenY(layout.y(i));
            g.setFill(node.self() ? palette.self : highlighted.contains(node.id()) ? palette.route
                    : node.gateway() != null ? palette.gateway : palette.node);
            double size = node.self() || highlighted.contains(node.id()) ? r * 1.4 : r;
            g.fillOval(x - size, y - size, 2 * size, 2 * size);
            if (selected != null && selected.id().equals(node.id())) {
                g.setStroke(palette.text);
                g.setLineWidth(2);
                g.strokeOval(x - size - 3, y - size - 3, 2 * size + 6, 2 * size + 6);
            }
        }

        paintLabels(g, map, palette, highlighted);
    }

    /** A colour as the straight ARGB int the raster takes. */
    static int argb(Color color) {
        return (int) Math.round(color.getOpacity() * 255) << 24 | (int) Math.round(color.getRed() * 255) << 16
                | (int) Math.round(color.getGreen() * 255) << 8 | (int) Math.round(color.getBlue() * 255);
    }

    /** The dots on the upper canvas: cleared and drawn again, a few shapes per route. */
    private void paintDots() {
        GraphicsContext g = dots.getGraphicsContext2D();
        g.clearRect(0, 0, dots.getWidth(), dots.getHeight());
        RouteMap map = model.map();
        if (map == null) {
            return;
        }
        ViewTransform view = model.view();
        g.setFill(Palette.of(paintedDark).dot);
        g.setStroke(Palette.of(paintedDark).route);
        g.setLineWidth(1.5);
        for (OwnRoute route : map.routes()) {
            double[] at = model.dots(route);
            for (int d = 0; d + 1 < at.length; d += 2) {
                double x = view.toScreenX(at[d]);
                double y = view.toScreenY(at[d + 1]);
                g.fillOval(x - 3.5, y - 3.5, 7, 7);
                g.strokeOval(x - 3.5, y - 3.5, 7, 7);
            }
        }
    }

    /** Routes forwarded for others: a dashed line from the neighbour it comes from, through this node, to the next. */
    private void paintForwarded(GraphicsContext g, RouteMap map, Palette palette) {
        if (map.forwarded().isEmpty()) {
            return;
        }
        ForceLayout layout = model.layout();
        ViewTransform view = model.view();
        int self = layout.indexOf(map.selfId());
        g.setStroke(palette.forwarded);
        g.setLineWidth(2.5);
        g.setLineDashes(4, 5);
        for (ForwardedRoute route : map.forwarded()) {
            int previous = layout.indexOf(route.previous());
            int next = layout.indexOf(route.next());
            g.strokePolyline(new double[] {view.toScreenX(layout.x(previous)), view.toScreenX(layout.x(self)),
                view.toScreenX(layout.x(next))}, new double[] {view.toScreenY(layout.y(previous)),
                view.toScreenY(layout.y(self)), view.toScreenY(layout.y(next))}, 3);
        }
        g.setLineDashes(null);
    }

    /** Labels only where they say something: this node, the hops of its routes (price, earned), gateways, selection. */
    private void paintLabels(GraphicsContext g, RouteMap map, Palette palette, Set<String> highlighted) {
        ForceLayout layout = model.layout();
        ViewTransform view = model.view();
        g.setFont(LABEL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        MapNode selected = model.selectedNode();
        for (int i = 0; i < layout.size(); i++) {
            MapNode node = map.nodes().get(layout.id(i));
            boolean onRoute = highlighted.contains(node.id());
            if (!node.self() && !onRoute && (selected == null || !selected.id().equals(node.id()))
                    && (node.gateway() == null || layout.size() > 200)) {
                continue;
            }
            double x = view.toScreenX(layout.x(i)) + RouteMapModel.NODE_RADIUS + 5;
            double y = view.toScreenY(layout.y(i));
            g.setFill(onRoute || node.self() ? palette.text : palette.mutedText);
            g.fillText(hopLabel(node, map), x, y);
        }
    }

    /** "ab12 cd34 … · 0.100000 SKY/GB · earned 0.002000 SKY": a price only from a record, earnings only when reported. */
    static String hopLabel(MapNode node, RouteMap map) {
        StringBuilder text = new StringBuilder(node.self() ? "you" : node.label());
        if (node.self() && !map.forwarded().isEmpty()) {
            long bytes = map.forwarded().stream().mapToLong(ForwardedRoute::bytesForwarded).sum();
            text.append(" · forwarding ").append(map.forwarded().size()).append(" routes, ")
                    .append(Bytes.human(bytes));
        } else if (node.gateway() != null) {
            text.append(" · gateway ").append(Money.perGb(node.gateway().pricePerGbDroplets()));
        } else if (node.recordKnown() && !node.self()) {
            text.append(" · ").append(Money.perGb(node.pricePerGbDroplets()));
        }
        node.earnedDroplets().ifPresent(earned -> text.append(" · earned ").append(Money.sky(earned)));
        return text.toString();
    }

    private boolean isDark() {
        if (getBackground() == null || getBackground().getFills().isEmpty()) {
            return false;
        }
        Paint fill = getBackground().getFills().get(0).getFill();
        return fill instanceof Color color && color.getBrightness() < 0.5;
    }

    private void scrolled(ScrollEvent event) {
        if (model != null && event.getDeltaY() != 0) {
            model.zoom(Math.pow(1.0015, event.getDeltaY()), event.getX(), event.getY());
        }
        event.consume();
    }

    private void pressed(MouseEvent event) {
        pressX = lastX = event.getX();
        pressY = lastY = event.getY();
        moved = false;
        draggedNode = model == null ? null : model.nodeAt(event.getX(), event.getY());
    }

    private void dragged(MouseEvent event) {
        if (model == null) {
            return;
        }
        if (Math.hypot(event.getX() - pressX, event.getY() - pressY) > CLICK_SLOP) {
            moved = true;
        }
        if (moved) {
            if (draggedNode != null) {
                model.drag(draggedNode, event.getX(), event.getY());
            } else {
                model.pan(event.getX() - lastX, event.getY() - lastY);
            }
        }
        lastX = event.getX();
        lastY = event.getY();
    }

    private void released(MouseEvent event) {
        if (model != null && !moved) {
            model.select(draggedNode);
            onSelect.accept(model.selectedNode());
        }
        draggedNode = null;
    }

    /** The two palettes; the route's accent is the same blue AtlantaFX uses for accents. */
    private record Palette(Color link, Color node, Color gateway, Color self, Color route, Color deadRoute,
                           Color forwarded, Color dot, Color text, Color mutedText) {

        private static final Palette LIGHT = new Palette(Color.web("#d0d7de"), Color.web("#8c959f"),
                Color.web("#bf8700"), Color.web("#8250df"), Color.web("#0969da"), Color.web("#afb8c1"),
                Color.web("#1a7f37"), Color.web("#ffffff"), Color.web("#1f2328"), Color.web("#656d76"));
        private static final Palette DARK = new Palette(Color.web("#30363d"), Color.web("#6e7681"),
                Color.web("#d29922"), Color.web("#a371f7"), Color.web("#2f81f7"), Color.web("#484f58"),
                Color.web("#3fb950"), Color.web("#f0f6fc"), Color.web("#e6edf3"), Color.web("#7d8590"));

        /** The colours of the bulk drawn into the raster. */
        BulkLayer bulk() {
            return new BulkLayer(argb(link), argb(node), argb(gateway));
        }

        static Palette of(boolean dark) {
            return dark ? DARK : LIGHT;
        }
    }
}
