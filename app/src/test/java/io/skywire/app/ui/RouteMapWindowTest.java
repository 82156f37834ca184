package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.app.ui.map.RouteMapModel;
import io.skywire.node.gateway.TunnelRoute;
import io.skywire.node.identity.NodeId;
import io.skywire.node.routing.NodeKey;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Label;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The route map over a real, free local test network (8 nodes, 3 gateways), headless under Monocle: the hops of the
 * client's active route (as its proxy reports them) are what the canvas highlights, clicking a hop shows its details,
 * scrolling and dragging change the view, and the map is written to target/screenshots/ in light and dark.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RouteMapWindowTest {

    private static final FxRobot ROBOT = new FxRobot();
    private static DesktopWindow window;

    @BeforeAll
    static void openOnALocalTestNetwork() throws Exception {
        window = FxTesting.openOnLocalNetwork(shown -> shown.select(Screen.ROUTE_MAP));
        FxTesting.until(60, () -> window.network() != null && !window.network().network().proxy().routes().isEmpty());
    }

    private static String id(NodeId node) {
        return NodeKey.of(node.key()).hex();
    }

    @Test
    @Order(1)
    void theRouteMapShowsTheHopsOfTheActiveRoute() throws Exception {
        List<TunnelRoute> routes = window.network().network().proxy().routes();
        List<String> liveHops = routes.stream().filter(TunnelRoute::live)
                .flatMap(route -> route.path().stream()).map(RouteMapWindowTest::id).distinct().toList();
        assertThat(liveHops).hasSizeGreaterThanOrEqualTo(3);
        FxTesting.eventually(20, () -> assertThat(onFx(() -> window.routeMap().highlighted()))
                .containsExactlyInAnyOrderElementsOf(liveHops));
        // Discovery may still be finding the last nodes of the test network: wait for all eight on the map.
        FxTesting.eventually(30, () -> assertThat(onFx(() -> window.routeMap().map()).nodes())
                .hasSizeGreaterThanOrEqualTo(8));
        var map = onFx(() -> window.routeMap().map());
        assertThat(map.links()).isNotEmpty();
        assertThat(map.routes()).allSatisfy(route -> assertThat(route.hops().get(0)).isEqualTo(map.selfId()));
        assertThat(text("#summary")).startsWith(map.nodes().size() + " nodes");
        assertThat(window.routeMapCanvas().framesPainted()).isPositive();

        // Click the gateway, the route's last hop, once the layout has cooled.
        List<NodeId> path = routes.stream().filter(TunnelRoute::live).findFirst().orElseThrow().path();
        String gateway = id(path.get(path.size() - 1));
        FxTesting.until(60, () -> onFx(() -> window.routeMap().layout().settled()));
        FxTesting.eventually(10, () -> {
            ROBOT.clickOn(screenPointOf(gateway));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text("#detailsId")).isEqualTo(gateway);
            // The client's discovery may not hold the gateway's record yet (its tunnel uses the test network's
            // static candidates): the details show the offer once the record has arrived.
            assertThat(text("#detailsGateway")).contains("SKY/GB in ");
        });
        assertThat(text("#detailsAddresses")).contains("127.0.0.1");
        assertThat(text("#detailsEarned")).isEqualTo("— (no settlement reported)");
    }

    @Test
    @Order(2)
    void scrollingZoomsAndDraggingTheBackgroundPans() throws Exception {
        RouteMapModel model = window.routeMap();
        double scale = onFx(() -> model.view().scale());
        RouteMapCanvas canvas = window.routeMapCanvas();
        Point2D corner = onFx(() -> canvas.localToScreen(8, 8));
        ROBOT.moveTo(corner).scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> model.view().scale())).isNotEqualTo(scale);
        double tx = onFx(() -> model.view().translateX());
        double ty = onFx(() -> model.view().translateY());
        ROBOT.drag(corner).dropBy(60, 40);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> model.view().translateX())).isNotEqualTo(tx);
        assertThat(onFx(() -> model.view().translateY())).isNotEqualTo(ty);
        WaitForAsyncUtils.asyncFx(model::fitAll).get(5, TimeUnit.SECONDS);
    }

    @Test
    @Order(3)
    void theRasterisedBulkReachesTheScreenWhereTheModelPutsEachNode() throws Exception {
        RouteMapModel model = window.routeMap();
        FxTesting.until(60, () -> onFx(() -> model.layout().settled()));
        // A whole repaint of the settled layout.
        long painted = onFx(() -> {
            model.invalidate();
            return window.routeMapCanvas().framesPainted();
        });
        FxTesting.until(10, () -> onFx(() -> window.routeMapCanvas().framesPainted()) > painted);
        int[] seen = onFx(() -> {
            RouteMapCanvas canvas = window.routeMapCanvas();
            javafx.scene.image.PixelReader shot = canvas.snapshot(null, null).getPixelReader();
            int exact = 0;
            int missing = 0;
            int plain = 0;
            for (int i = 0; i < model.layout().size(); i++) {
                var node = model.map().nodes().get(model.layout().id(i));
                int x = (int) model.view().toScreenX(model.layout().x(i));
                int y = (int) model.view().toScreenY(model.layout().y(i));
                if (model.drawnAbove(node) || x < 0 || y < 0 || x >= canvas.getWidth() || y >= canvas.getHeight()) {
                    continue;
                }
                plain++;
                // The light palette's node and gateway colours (RouteMapCanvas.Palette.LIGHT).
                int expected = node.gateway() != null ? 0xffbf8700 : 0xff8c959f;
                int argb = shot.getArgb(x, y);
                exact += argb == expected ? 1 : 0;
                missing += argb == shot.getArgb(2, 2) ? 1 : 0;
            }
            return new int[] {plain, exact, missing};
        });
        assertThat(seen[0]).as("nodes off the routes").isPositive();
        assertThat(seen[2]).as("plain nodes showing only the background").isZero();
        assertThat(seen[1]).as("plain nodes drawn in their colour at their centre").isPositive();
    }

    @Test
    @Order(4)
    void writesScreenshotsOfTheRouteMapInLightAndDark() throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            WaitForAsyncUtils.asyncFx(() -> Themes.apply(dark)).get(5, TimeUnit.SECONDS);
            // The canvas repaints in the new palette once the theme's CSS reached it.
            FxTesting.until(10, () -> onFx(() -> window.routeMapCanvas().paintedDark()) == dark);
            Path file = DesktopWindowTest.SCREENSHOTS.resolve(dark ? "route-map-dark.png" : "route-map.png");
            FxTesting.screenshot(window, Screen.ROUTE_MAP, file);
            BufferedImage written = ImageIO.read(file.toFile());
            assertThat(written.getWidth()).isGreaterThan(600);
        }
        WaitForAsyncUtils.asyncFx(() -> Themes.apply(false)).get(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void closingTheWindowStopsTheNetwork() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
        FxTesting.eventually(10, () -> assertThat(FxTesting.skywireThreads()).isEmpty());
    }

    private static Point2D screenPointOf(String node) {
        return onFx(() -> {
            RouteMapModel model = window.routeMap();
            int at = model.layout().indexOf(node);
            return window.routeMapCanvas().localToScreen(model.view().toScreenX(model.layout().x(at)),
                    model.view().toScreenY(model.layout().y(at)));
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading on the FX thread failed", e);
        }
    }

    private static String text(String query) {
        return onFx(() -> ROBOT.lookup(query).queryAs(Label.class).getText());
    }
}
