package io.skywire.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.routing.GatewayTerms;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the raster holds after a paint is where the model says things are, at any zoom and output scale. */
class BulkLayerTest {

    private static final int LINK = 0xffd0d7de;
    private static final int NODE = 0xff8c959f;
    private static final int GATEWAY = 0xffbf8700;
    private static final BulkLayer BULK = new BulkLayer(LINK, NODE, GATEWAY);

    private static MapNode node(String id, boolean self, boolean gateway) {
        return new MapNode(id, id, self, true, List.of(), 0, 0, gateway ? new GatewayTerms(1, "eu-west") : null,
                OptionalLong.empty());
    }

    /** self - b - c - gw, plus a link b - gw: no routes, so only this node is drawn above the bulk. */
    private static RouteMapModel model() {
        Map<String, MapNode> nodes = Map.of("a", node("a", true, false), "b", node("b", false, false),
                "c", node("c", false, false), "d", node("d", false, true));
        RouteMap map = new RouteMap(1, "a", nodes, List.of(MapLink.between("a", "b"), MapLink.between("b", "c"),
                MapLink.between("c", "d"), MapLink.between("b", "d")), List.of(), List.of());
        RouteMapModel model = new RouteMapModel(5);
        model.accept(map);
        model.layout().settle(5_000);
        model.tick(1, 400, 300);
        return model;
    }

    private static int at(GraphRaster raster, RouteMapModel model, String id, double scale, double dx) {
        int i = model.layout().indexOf(id);
        return raster.pixel((int) ((model.view().toScreenX(model.layout().x(i)) + dx) * scale),
                (int) (model.view().toScreenY(model.layout().y(i)) * scale));
    }

    @Test
    void nodesAndLinksLandWhereTheViewPutsThemAndOverlayNodesAreLeftOut() {
        RouteMapModel model = model();
        GraphRaster raster = new GraphRaster(400, 300);
        BULK.paint(raster, model, 1);
        assertThat(at(raster, model, "b", 1, 0)).isEqualTo(NODE);
        assertThat(at(raster, model, "c", 1, 0)).isEqualTo(NODE);
        assertThat(at(raster, model, "d", 1, 0)).isEqualTo(GATEWAY);
        assertThat(at(raster, model, "a", 1, 0)).as("this node is drawn by the canvas above").isNotEqualTo(NODE);
        // Halfway along the link b - c: link colour, some coverage.
        ForceLayout layout = model.layout();
        int b = layout.indexOf("b");
        int c = layout.indexOf("c");
        double mx = model.view().toScreenX((layout.x(b) + layout.x(c)) / 2);
        double my = model.view().toScreenY((layout.y(b) + layout.y(c)) / 2);
        int mid = raster.pixel((int) mx, (int) my) | raster.pixel((int) mx + 1, (int) my)
                | raster.pixel((int) mx, (int) my + 1);
        assertThat(mid >>> 24).isPositive();
        assertThat(raster.pixel(0, 0)).as("the fit leaves a margin").isZero();

        model.select("c");
        BULK.paint(raster, model, 1);
        assertThat(at(raster, model, "c", 1, 0)).as("the selection moves above").isNotEqualTo(NODE);
        assertThat(at(raster, model, "b", 1, 0)).isEqualTo(NODE);
    }

    @Test
    void zoomPanAndOutputScaleMoveThePixelsWithTheView() {
        RouteMapModel model = model();
        model.zoom(0.8, 200, 150);
        model.pan(-15, 10);
        model.tick(2, 400, 300);
        GraphRaster doubled = new GraphRaster(800, 600);
        BULK.paint(doubled, model, 2);
        assertThat(at(doubled, model, "b", 2, 0)).isEqualTo(NODE);
        assertThat(at(doubled, model, "d", 2, 0)).isEqualTo(GATEWAY);
        // A node's radius is in screen units: 4 units from its centre is inside at any output scale.
        assertThat(at(doubled, model, "b", 2, 4)).isEqualTo(NODE);
        GraphRaster single = new GraphRaster(400, 300);
        BULK.paint(single, model, 1);
        assertThat(at(single, model, "b", 1, 0)).isEqualTo(NODE);
        assertThat(at(single, model, "b", 1, 4)).isEqualTo(NODE);
        assertThat(at(single, model, "b", 1, 8)).as("beyond the radius").isNotEqualTo(NODE);
    }
}
