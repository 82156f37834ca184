package io.skywire.app.ui;

import io.skywire.app.ui.map.MapNode;
import io.skywire.app.ui.map.OwnRoute;
import io.skywire.app.ui.map.RouteMap;
import io.skywire.app.ui.map.RouteMapModel;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Binds routemap.fxml: the canvas paints a {@link RouteMapModel}; this shows the summary line and the details of the
 * node the user clicked. Readings arrive through {@link #accept} on the FX thread.
 */
public final class RouteMapController {

    @FXML private RouteMapCanvas map;
    @FXML private Label summary;
    @FXML private VBox details;
    @FXML private Label detailsTitle;
    @FXML private Label detailsId;
    @FXML private Label detailsAddresses;
    @FXML private Label detailsPrice;
    @FXML private Label detailsCapacity;
    @FXML private Label detailsGateway;
    @FXML private Label detailsEarned;

    private RouteMapModel model;

    @FXML
    private void initialize() {
        map.onSelect(this::showDetails);
        showDetails(null);
    }

    @FXML
    private void fitAll() {
        if (model != null) {
            model.fitAll();
        }
    }

    /** Paints {@code shown} until {@link #detach()}. */
    void attach(RouteMapModel shown) {
        model = shown;
        map.show(shown);
    }

    /** Stops painting. */
    void detach() {
        map.stop();
        model = null;
    }

    /** A new reading: to the model, and the summary and details refreshed. */
    void accept(RouteMap reading) {
        if (model == null) {
            return;
        }
        model.accept(reading);
        long live = reading.routes().stream().filter(OwnRoute::live).count();
        StringBuilder text = new StringBuilder().append(reading.nodes().size()).append(" nodes, ")
                .append(reading.links().size()).append(" links; your tunnel: ").append(live).append(" of ")
                .append(reading.routes().size()).append(" routes up");
        for (OwnRoute route : reading.routes()) {
            if (route.live()) {
                text.append(", ").append(route.hops().size() - 1).append(" hops at ")
                        .append(Bytes.human((long) model.bytesPerSecond(route))).append("/s");
            }
        }
        text.append("; forwarding ").append(reading.forwarded().size()).append(" routes for others");
        summary.setText(text.toString());
        showDetails(model.selectedNode());
    }

    private void showDetails(MapNode node) {
        details.setVisible(node != null);
        details.setManaged(node != null);
        if (node == null) {
            return;
        }
        detailsTitle.setText(node.self() ? "This node" : "Node " + node.label());
        detailsId.setText(node.id());
        if (!node.recordKnown()) {
            String unknown = "— (no record held)";
            detailsAddresses.setText(unknown);
            detailsPrice.setText(unknown);
            detailsCapacity.setText(unknown);
        } else {
            detailsAddresses.setText(node.addresses().isEmpty() ? "none" : String.join("\n", node.addresses()));
            detailsPrice.setText(Money.perGb(node.pricePerGbDroplets()));
            detailsCapacity.setText(node.capacityBytesPerSecond() == 0 ? "not advertised"
                    : Bytes.human(node.capacityBytesPerSecond()) + "/s");
        }
        detailsGateway.setText(node.gateway() == null ? "no" : Money.perGb(node.gateway().pricePerGbDroplets())
                + " in " + node.gateway().region());
        detailsEarned.setText(node.earnedDroplets().isPresent() ? Money.sky(node.earnedDroplets().getAsLong())
                : "— (no settlement reported)");
    }

    RouteMapCanvas canvas() {
        return map;
    }
}
