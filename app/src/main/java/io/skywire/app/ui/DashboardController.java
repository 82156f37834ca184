package io.skywire.app.ui;

import io.skywire.node.gateway.TunnelState;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;

/** Binds dashboard.fxml to a {@link DashboardViewModel}; holds no state of its own. */
public final class DashboardController {

    @FXML private Label tunnelState;
    @FXML private Label tunnelReason;
    @FXML private Label tunnelGateway;
    @FXML private Label nodeStatus;
    @FXML private Label linksRoutes;
    @FXML private Label socksAddress;
    @FXML private Label httpAddress;
    @FXML private Label earnings;
    @FXML private LineChart<Number, Number> bandwidth;

    private final XYChart.Series<Number, Number> sent = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> received = new XYChart.Series<>();
    private DashboardViewModel model;
    private final ChangeListener<TunnelState> stateStyle = (obs, old, now) -> styleState(old, now);
    private final ListChangeListener<BandwidthPoint> chartFeed = change -> redraw();

    @FXML
    private void initialize() {
        sent.setName("sent");
        received.setName("received");
        bandwidth.getData().add(sent);
        bandwidth.getData().add(received);
    }

    /** Shows {@code viewModel} until {@link #detach()}. */
    void attach(DashboardViewModel viewModel) {
        model = viewModel;
        tunnelState.textProperty().bind(Bindings.createStringBinding(
                () -> DashboardViewModel.label(viewModel.tunnelStateProperty().get()), viewModel.tunnelStateProperty()));
        tunnelReason.textProperty().bind(viewModel.tunnelReasonProperty());
        tunnelGateway.textProperty().bind(Bindings.concat("gateway: ", viewModel.tunnelGatewayProperty()));
        nodeStatus.textProperty().bind(viewModel.nodeStatusProperty());
        linksRoutes.textProperty().bind(Bindings.concat(viewModel.knownPeersProperty(), " known nodes, ",
                viewModel.linksProperty(), " links, ",
                viewModel.routesProperty(), " routes"));
        socksAddress.textProperty().bind(viewModel.socksAddressProperty());
        httpAddress.textProperty().bind(viewModel.httpAddressProperty());
        earnings.textProperty().bind(viewModel.earningsProperty());
        viewModel.tunnelStateProperty().addListener(stateStyle);
        styleState(null, viewModel.tunnelStateProperty().get());
        viewModel.bandwidth().addListener(chartFeed);
        redraw();
    }

    /** Unbinds and stops listening, so the view model no longer holds this screen. */
    void detach() {
        if (model == null) {
            return;
        }
        for (Label label : new Label[] {tunnelState, tunnelReason, tunnelGateway, nodeStatus, linksRoutes,
            socksAddress, httpAddress, earnings}) {
            label.textProperty().unbind();
        }
        model.tunnelStateProperty().removeListener(stateStyle);
        model.bandwidth().removeListener(chartFeed);
        model = null;
    }

    private void styleState(TunnelState old, TunnelState now) {
        Node card = tunnelState.getParent();
        if (old != null) {
            card.getStyleClass().remove("state-" + DashboardViewModel.label(old));
        }
        if (now != null) {
            card.getStyleClass().add("state-" + DashboardViewModel.label(now));
        }
    }

    private void redraw() {
        var sentPoints = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var receivedPoints = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        for (BandwidthPoint point : model.bandwidth()) {
            sentPoints.add(new XYChart.Data<>(point.second(), point.sent()));
            receivedPoints.add(new XYChart.Data<>(point.second(), point.received()));
        }
        sent.getData().setAll(sentPoints);
        received.getData().setAll(receivedPoints);
    }

    @FXML
    private void copySocks() {
        copy(socksAddress.getText());
    }

    @FXML
    private void copyHttp() {
        copy(httpAddress.getText());
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }
}
