package io.skywire.app.ui;

import atlantafx.base.controls.ToggleSwitch;
import io.skywire.node.gateway.TunnelState;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.util.StringConverter;

/** Binds dashboard.fxml to a {@link DashboardViewModel}; holds no state of its own. */
public final class DashboardController {

    @FXML private ToggleSwitch tunnelSwitch;
    @FXML private Label tunnelState;
    @FXML private Label tunnelError;
    @FXML private Label tunnelReason;
    @FXML private Label tunnelGateway;
    @FXML private Label nodeStatus;
    @FXML private Label linksRoutes;
    @FXML private Label socksAddress;
    @FXML private Label httpAddress;
    @FXML private Label earnings;
    @FXML private Label nodeEarnings;
    @FXML private LineChart<Number, Number> bandwidth;
    @FXML private NumberAxis rateAxis;

    private final XYChart.Series<Number, Number> sent = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> received = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> forwarded = new XYChart.Series<>();
    private DashboardViewModel model;
    private final ChangeListener<TunnelState> stateStyle = (obs, old, now) -> styleState(old, now);
    private final ListChangeListener<BandwidthPoint> chartFeed = change -> redraw();

    @FXML
    private void initialize() {
        sent.setName("sent");
        received.setName("received");
        forwarded.setName("forwarded for others");
        bandwidth.getData().add(sent);
        bandwidth.getData().add(received);
        bandwidth.getData().add(forwarded);
        rateAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return ByteRates.format(value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis only shows rates");
            }
        });
    }

    /** Shows {@code viewModel} until {@link #detach()}. */
    void attach(DashboardViewModel viewModel) {
        model = viewModel;
        tunnelState.textProperty().bind(Bindings.createStringBinding(
                () -> DashboardViewModel.label(viewModel.tunnelStateProperty().get()), viewModel.tunnelStateProperty()));
        tunnelReason.textProperty().bind(viewModel.tunnelReasonProperty());
        tunnelError.textProperty().bind(viewModel.tunnelErrorProperty());
        tunnelSwitch.selectedProperty().bindBidirectional(viewModel.tunnelOnProperty());
        tunnelSwitch.disableProperty().bind(viewModel.tunnelBusyProperty());
        tunnelGateway.textProperty().bind(Bindings.concat("gateway: ", viewModel.tunnelGatewayProperty()));
        nodeStatus.textProperty().bind(viewModel.nodeStatusProperty());
        linksRoutes.textProperty().bind(Bindings.concat(viewModel.knownPeersProperty(), " known nodes, ",
                viewModel.linksProperty(), " links, ",
                viewModel.routesProperty(), " routes"));
        socksAddress.textProperty().bind(viewModel.socksAddressProperty());
        httpAddress.textProperty().bind(viewModel.httpAddressProperty());
        earnings.textProperty().bind(viewModel.earningsProperty());
        nodeEarnings.textProperty().bind(viewModel.nodeEarningsProperty());
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
            socksAddress, httpAddress, earnings, nodeEarnings, tunnelError}) {
            label.textProperty().unbind();
        }
        tunnelSwitch.selectedProperty().unbindBidirectional(model.tunnelOnProperty());
        tunnelSwitch.disableProperty().unbind();
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

    /** Plots the window against "seconds ago" on a fixed 60 s axis, so a few readings sit at the right edge. */
    private void redraw() {
        var sentPoints = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var receivedPoints = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var forwardedPoints = new java.util.ArrayList<XYChart.Data<Number, Number>>();
        var points = model.bandwidth();
        long latest = points.isEmpty() ? 0 : points.get(points.size() - 1).second();
        for (BandwidthPoint point : points) {
            long ago = point.second() - latest;
            sentPoints.add(new XYChart.Data<>(ago, point.sent()));
            receivedPoints.add(new XYChart.Data<>(ago, point.received()));
            forwardedPoints.add(new XYChart.Data<>(ago, point.forwarded()));
        }
        sent.getData().setAll(sentPoints);
        received.getData().setAll(receivedPoints);
        forwarded.getData().setAll(forwardedPoints);
    }

    @FXML
    private void copySocks() {
        copy(socksAddress.getText());
    }

    @FXML
    private void copyHttp() {
        copy(httpAddress.getText());
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }
}
