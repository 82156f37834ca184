package io.skywire.app.ui.map;

import static io.skywire.app.ui.map.RouteMapTest.R1;
import static io.skywire.app.ui.map.RouteMapTest.R2;
import static io.skywire.app.ui.map.RouteMapTest.id;
import static io.skywire.app.ui.map.RouteMapTest.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RouteMapModelTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void dotsMoveInProportionToMeasuredTrafficAndStandStillWithout() {
        RouteMapModel model = new RouteMapModel(1);
        model.accept(RouteMap.of(reading(SECOND, 0, 0, true)));
        OwnRoute route = model.routes().get(0);
        assertThat(model.hopsPerSecond(route)).isZero();
        model.layout().settle(2_000);
        model.tick(1, 800, 600);
        assertThat(model.tick(2, 800, 600)).as("nothing changed, nothing moves").isEqualTo(RouteMapModel.Repaint.NONE);

        // 2 s later the route has carried 64 KiB sent plus 32 KiB received: 48 KiB/s.
        model.accept(RouteMap.of(reading(3 * SECOND, 64 * 1024, 0, true)));
        route = model.routes().get(0);
        assertThat(model.bytesPerSecond(route)).isCloseTo(48 * 1024, within(1e-6));
        assertThat(model.hopsPerSecond(route)).isCloseTo(0.75, within(1e-9));
        model.layout().settle(2_000);
        model.tick(10 * SECOND, 800, 600);
        double[] before = model.dots(route);
        assertThat(before).hasSize(2 * RouteMapModel.DOTS_PER_ROUTE);
        assertThat(model.tick(10 * SECOND + SECOND / 10, 800, 600)).as("only the dots animate")
                .isEqualTo(RouteMapModel.Repaint.DOTS);
        double[] after = model.dots(route);
        assertThat(after).isNotEqualTo(before);

        // Four times the traffic: four times the speed, up to the cap.
        model.accept(RouteMap.of(reading(4 * SECOND, 64 * 1024 + 4 * 32 * 1024, 0, true)));
        assertThat(model.hopsPerSecond(model.routes().get(0))).isCloseTo(3, within(1e-9));
        model.accept(RouteMap.of(reading(5 * SECOND, 100L << 20, 0, true)));
        assertThat(model.hopsPerSecond(model.routes().get(0))).isEqualTo(RouteMapModel.MAX_HOPS_PER_SECOND);

        // A route that went down shows no dots and no rate.
        model.accept(RouteMap.of(reading(6 * SECOND, 100L << 20, 0, false)));
        assertThat(model.dots(model.routes().get(0))).isEmpty();
        assertThat(model.hopsPerSecond(model.routes().get(0))).isZero();
        assertThat(model.highlighted()).isEmpty();
    }

    @Test
    void theActiveRoutesHopsAreHighlightedAndAClickFindsANode() {
        RouteMapModel model = new RouteMapModel(2);
        model.accept(RouteMap.of(reading(SECOND, 0, 0, true)));
        model.layout().settle(2_000);
        model.tick(1, 800, 600);
        assertThat(model.highlighted()).containsExactly(id(R1), id(R2), id(RouteMapTest.GW));

        int r2 = model.layout().indexOf(id(R2));
        double sx = model.view().toScreenX(model.layout().x(r2));
        double sy = model.view().toScreenY(model.layout().y(r2));
        assertThat(model.nodeAt(sx + 2, sy - 2)).isEqualTo(id(R2));
        assertThat(model.nodeAt(-10_000, -10_000)).isNull();
        model.select(model.nodeAt(sx, sy));
        assertThat(model.selectedNode().pricePerGbDroplets()).isEqualTo(200_000);
        model.select("not a node");
        assertThat(model.selectedNode()).isNull();
    }

    @Test
    void zoomAndPanChangeTheViewAndStopFittingItToTheGraph() {
        RouteMapModel model = new RouteMapModel(3);
        model.accept(RouteMap.of(reading(SECOND, 0, 0, true)));
        model.tick(1, 800, 600);
        double scale = model.view().scale();
        model.zoom(1.5, 400, 300);
        assertThat(model.view().scale()).isCloseTo(scale * 1.5, within(1e-9));
        assertThat(model.tick(2, 800, 600)).isEqualTo(RouteMapModel.Repaint.ALL);
        double tx = model.view().translateX();
        model.pan(30, -20);
        assertThat(model.view().translateX()).isCloseTo(tx + 30, within(1e-9));
        // Every frame of a pan paints the graph whole (the raster makes that cheap); a frame without one paints nothing.
        assertThat(model.tick(3, 800, 600)).isEqualTo(RouteMapModel.Repaint.ALL);
        assertThat(model.tick(4, 800, 600)).isEqualTo(RouteMapModel.Repaint.NONE);
        for (int frame = 0; frame < 3; frame++) {
            model.pan(1, 0);
            assertThat(model.tick(5 + frame, 800, 600)).isEqualTo(RouteMapModel.Repaint.ALL);
        }
        model.tick(130_000_000, 1_000, 700);
        assertThat(model.view().scale()).as("a resize no longer refits").isCloseTo(scale * 1.5, within(1e-9));
        model.fitAll();
        model.tick(140_000_000, 1_000, 700);
        assertThat(model.view().scale()).isNotCloseTo(scale * 1.5, within(1e-9));
    }

    @Test
    void aDraggedNodeStaysUnderTheMouse() {
        RouteMapModel model = new RouteMapModel(4);
        model.accept(RouteMap.of(reading(SECOND, 0, 0, true)));
        model.layout().settle(2_000);
        model.tick(1, 800, 600);
        model.pan(0, 0);
        model.drag(id(R1), 123, 456);
        model.layout().settle(2_000);
        model.tick(2, 800, 600);
        assertThat(model.nodeAt(123, 456)).isEqualTo(id(R1));
    }
}
