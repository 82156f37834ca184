package io.skywire.app.ui.map;

/**
 * The bulk of the route map, drawn into a {@link GraphRaster}: every link as a thin line and every node that is not
 * drawn above the routes (see {@link RouteMapModel#drawnAbove}) as a disc. These are the thousands of shapes of a
 * large map; the few dozen that carry meaning (routes, their hops, the selection, labels) are left to the canvas
 * above. Plain Java, so what lands in the pixels is tested against the model's geometry without a toolkit.
 *
 * @param link    the links' straight ARGB colour
 * @param node    a node's
 * @param gateway a gateway's
 */
public record BulkLayer(int link, int node, int gateway) {

    /**
     * Clears {@code into} and draws the model's bulk, the view's screen coordinates multiplied by {@code scale} (the
     * window's output scale: the raster has that many pixels per screen unit).
     */
    public void paint(GraphRaster into, RouteMapModel model, double scale) {
        into.clear();
        RouteMap map = model.map();
        if (map == null) {
            return;
        }
        ForceLayout layout = model.layout();
        ViewTransform view = model.view();
        for (MapLink each : map.links()) {
            int a = layout.indexOf(each.a());
            int b = layout.indexOf(each.b());
            if (a >= 0 && b >= 0) {
                into.line(view.toScreenX(layout.x(a)) * scale, view.toScreenY(layout.y(a)) * scale,
                        view.toScreenX(layout.x(b)) * scale, view.toScreenY(layout.y(b)) * scale, link);
            }
        }
        double r = RouteMapModel.NODE_RADIUS * scale;
        for (int i = 0; i < layout.size(); i++) {
            MapNode each = map.nodes().get(layout.id(i));
            if (each != null && !model.drawnAbove(each)) {
                into.disc(view.toScreenX(layout.x(i)) * scale, view.toScreenY(layout.y(i)) * scale, r,
                        each.gateway() != null ? gateway : node);
            }
        }
    }
}
