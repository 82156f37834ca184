package io.skywire.app.ui;

import io.skywire.app.ui.map.ForceLayout;
import io.skywire.app.ui.map.ForwardedRoute;
import io.skywire.app.ui.map.MapLink;
import io.skywire.app.ui.map.MapNode;
import io.skywire.app.ui.map.OwnRoute;
import io.skywire.app.ui.map.RouteMap;
import io.skywire.app.ui.map.RouteMapModel;
import io.skywire.app.ui.map.ViewTransform;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Paints a {@link RouteMapModel} on two stacked {@link Canvas}es: a thousand nodes are a thousand {@code fillOval}
 * calls, not a thousand scene-graph nodes to lay out, style and pick, which is what keeps the map smooth at that size.
 * An {@link AnimationTimer} asks the model every pulse what changed and paints only that: the graph (links, routes,
 * nodes, labels) on the lower canvas when a reading arrived, the layout moved or the user zoomed, panned or dragged;
 * otherwise only the moving dots on the upper one. A canvas keeps what it rendered, so a frame in which only traffic
 * moves costs a dozen dots, not 3,000 links again; an idle map costs no drawing at all. Dragging the map moves the
 * lower canvas as a picture and paints it whole when the drag rests (and four times a second while it goes on).
 *
 * <p>Mouse: scroll zooms around the pointer, dragging the background pans, dragging a node moves and pins it, a click
 * selects a node (or nothing). Colours follow the theme: the region's background comes from the screen's CSS (an
 * AtlantaFX colour), and a dark background picks the dark palette.
 */
public final class RouteMapCanvas extends Region {

    private static final double CLICK_SLOP = 4;
    private static final Font LABEL = Font.font(11);

    private final Canvas canvas = new Canvas();
    private final Canvas dots = new Canvas();
    /** Keeps a shifted picture (while panning) inside the map's bounds. */
    private final javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
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
        getChildren().addAll(canvas, dots);
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
            canvas.setTranslateX(0);
            canvas.setTranslateY(0);
            paint();
            paintDots();
            frames++;
        } else if (repaint == RouteMapModel.Repaint.SHIFT) {
            canvas.setTranslateX(model.shiftX());
            canvas.setTranslateY(model.shiftY());
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
        RouteMap map = model.map();
        if (map == null) {
            return;
        }
        paintedDark = isDark();
        Palette palette = Palette.of(paintedDark);
        ForceLayout layout = model.layout();
        ViewTransform view = model.view();
        g.setLineCap(StrokeLineCap.ROUND);

        g.setStroke(palette.link);
        g.setLineWidth(1);
        g.beginPath();
        for (MapLink link : map.links()) {
            int a = layout.indexOf(link.a());
            int b = layout.indexOf(link.b());
            double ax = view.toScreenX(layout.x(a));
            double ay = view.toScreenY(layout.y(a));
            double bx = view.toScreenX(layout.x(b));
            double by = view.toScreenY(layout.y(b));
            if (Math.max(ax, bx) >= 0 && Math.min(ax, bx) <= w && Math.max(ay, by) >= 0 && Math.min(ay, by) <= h) {
                g.moveTo(ax, ay);
                g.lineTo(bx, by);
            }
        }
        g.stroke();

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
            double x = view.toScreenX(layout.x(i));
            double y = view.toScreenY(layout.y(i));
            if (x < -r || y < -r || x > w + r || y > h + r) {
                continue;
            }
            MapNode node = map.nodes().get(layout.id(i));
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

        static Palette of(boolean dark) {
            return dark ? DARK : LIGHT;
        }
    }
}
