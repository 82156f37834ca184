package io.skywire.app.ui;

import atlantafx.base.controls.ToggleSwitch;
import io.skywire.node.gateway.TunnelState;
import java.util.function.Function;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.CustomTextField;

/**
 * Binds gateways.fxml to a {@link GatewaysViewModel}: columns, sorting through the table, the three filters, the
 * selection (kept by gateway across the once-a-second refresh), the action buttons and their progress.
 */
public final class GatewaysController {

    @FXML private Label gatewayTunnel;
    @FXML private ToggleSwitch vpnSwitch;
    @FXML private ProgressIndicator vpnWorking;
    @FXML private Label vpnStatus;
    @FXML private Label vpnExplanation;
    @FXML private Label gatewaySocks;
    @FXML private Label gatewayHttp;
    @FXML private ComboBox<String> regionFilter;
    @FXML private Label selectedCost;
    @FXML private Button connectButton;
    @FXML private Button speedTestButton;
    @FXML private Button disconnectButton;
    @FXML private Button autoButton;
    @FXML private ProgressIndicator working;
    @FXML private Label activity;
    @FXML private Label message;
    @FXML private CustomTextField filter;
    @FXML private TextField maxCost;
    @FXML private Label maxCostError;
    @FXML private TableView<GatewayRow> table;
    @FXML private TableColumn<GatewayRow, String> gatewayColumn;
    @FXML private TableColumn<GatewayRow, String> regionColumn;
    @FXML private TableColumn<GatewayRow, Long> priceColumn;
    @FXML private TableColumn<GatewayRow, Long> costColumn;
    @FXML private TableColumn<GatewayRow, Integer> hopsColumn;
    @FXML private TableColumn<GatewayRow, Long> rttColumn;
    @FXML private TableColumn<GatewayRow, Long> speedColumn;
    @FXML private TableColumn<GatewayRow, Integer> successColumn;
    @FXML private TableColumn<GatewayRow, Boolean> inUseColumn;

    private GatewaysViewModel model;
    private final ChangeListener<String> maxCostInput = (obs, old, now) -> {
        String error = model.setMaxCostSky(now);
        maxCostError.setText(error == null ? "" : error);
    };
    private final ChangeListener<GatewayRow> tableSelection = (obs, old, now) -> {
        // A refresh replaces the rows and clears the table's selection for a moment: the model keeps its own.
        if (now != null) {
            model.select(now);
        }
    };
    private final ChangeListener<GatewayRow> modelSelection = (obs, old, now) -> reselect(now);
    private final ChangeListener<Boolean> messageStyle = (obs, old, error) -> styleMessage(message, error);
    private final ChangeListener<Boolean> vpnStyle = (obs, old, error) -> styleMessage(vpnStatus, error);

    @FXML
    private void initialize() {
        column(gatewayColumn, GatewayRow::gateway, text -> text);
        column(regionColumn, GatewayRow::region, text -> text);
        column(priceColumn, GatewayRow::pricePerGbDroplets, Money::perGb);
        column(costColumn, GatewayRow::expectedCostPerGbDroplets, Money::perGb);
        column(hopsColumn, GatewayRow::hops, String::valueOf);
        column(rttColumn, GatewayRow::roundTripMillis, ms -> ms == 0 ? "—" : ms + " ms");
        column(speedColumn, GatewayRow::throughputBytesPerSecond, bps -> bps == 0 ? "—" : ByteRates.format(bps));
        column(successColumn, GatewayRow::successPercent, percent -> percent < 0 ? "—" : percent + " %");
        column(inUseColumn, GatewayRow::inUse, inUse -> inUse ? "yes" : "");
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(GatewayRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("in-use");
                if (!empty && row != null && row.inUse()) {
                    getStyleClass().add("in-use");
                }
            }
        });
    }

    private static <T> void column(TableColumn<GatewayRow, T> column, Function<GatewayRow, T> value,
                                   Function<T, String> text) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
    }

    /** Shows {@code viewModel} until {@link #detach()}. */
    void attach(GatewaysViewModel viewModel) {
        model = viewModel;
        table.setItems(viewModel.rows());
        viewModel.rows().comparatorProperty().bind(table.comparatorProperty());
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        maxCost.textProperty().addListener(maxCostInput);
        regionFilter.setItems(viewModel.regions());
        regionFilter.valueProperty().bindBidirectional(viewModel.regionProperty());
        table.getSelectionModel().selectedItemProperty().addListener(tableSelection);
        viewModel.selectedProperty().addListener(modelSelection);
        gatewayTunnel.textProperty().bind(viewModel.tunnelProperty());
        gatewaySocks.textProperty().bind(viewModel.socksAddressProperty());
        gatewayHttp.textProperty().bind(viewModel.httpAddressProperty());
        selectedCost.textProperty().bind(viewModel.selectedCostProperty());
        activity.textProperty().bind(viewModel.activityProperty());
        message.textProperty().bind(viewModel.messageProperty());
        working.visibleProperty().bind(viewModel.busyProperty());
        working.managedProperty().bind(viewModel.busyProperty());
        BooleanBinding idle = viewModel.busyProperty().not().and(viewModel.readyProperty());
        BooleanBinding rowChosen = viewModel.selectedProperty().isNotNull();
        connectButton.disableProperty().bind(idle.and(rowChosen).not());
        speedTestButton.disableProperty().bind(idle.and(rowChosen).not());
        disconnectButton.disableProperty().bind(idle.and(viewModel.tunnelStateProperty()
                .isNotEqualTo(TunnelState.DISCONNECTED)).not());
        autoButton.disableProperty().bind(idle.not());
        viewModel.messageIsErrorProperty().addListener(messageStyle);
        styleMessage(message, viewModel.messageIsErrorProperty().get());
        attachVpn(viewModel.vpn());
    }

    private void attachVpn(VpnSwitchModel vpn) {
        vpnSwitch.selectedProperty().bindBidirectional(vpn.onProperty());
        vpnSwitch.disableProperty().bind(vpn.availableProperty().not().or(vpn.busyProperty()));
        vpnWorking.visibleProperty().bind(vpn.busyProperty());
        vpnWorking.managedProperty().bind(vpn.busyProperty());
        vpnStatus.textProperty().bind(vpn.statusProperty());
        vpnExplanation.textProperty().bind(vpn.explanationProperty());
        vpnExplanation.visibleProperty().bind(vpn.explanationProperty().isNotEmpty());
        vpnExplanation.managedProperty().bind(vpn.explanationProperty().isNotEmpty());
        vpn.statusIsErrorProperty().addListener(vpnStyle);
        styleMessage(vpnStatus, vpn.statusIsErrorProperty().get());
    }

    private void reselect(GatewayRow row) {
        if (row != null && !row.equals(table.getSelectionModel().getSelectedItem())) {
            table.getSelectionModel().select(row);
        }
    }

    private static void styleMessage(Label label, boolean error) {
        label.getStyleClass().remove("message-error");
        if (error) {
            label.getStyleClass().add("message-error");
        }
    }

    @FXML
    private void connect() {
        model.connectSelected();
    }

    @FXML
    private void speedTest() {
        model.speedTestSelected();
    }

    @FXML
    private void disconnect() {
        model.disconnect();
    }

    @FXML
    private void auto() {
        model.auto();
    }

    @FXML
    private void copySocks() {
        DashboardController.copy(gatewaySocks.getText());
    }

    @FXML
    private void copyHttp() {
        DashboardController.copy(gatewayHttp.getText());
    }

    /** Unbinds, so the view model no longer holds this screen. */
    void detach() {
        if (model == null) {
            return;
        }
        model.rows().comparatorProperty().unbind();
        filter.textProperty().unbindBidirectional(model.filterTextProperty());
        maxCost.textProperty().removeListener(maxCostInput);
        regionFilter.valueProperty().unbindBidirectional(model.regionProperty());
        table.getSelectionModel().selectedItemProperty().removeListener(tableSelection);
        model.selectedProperty().removeListener(modelSelection);
        model.messageIsErrorProperty().removeListener(messageStyle);
        model.vpn().statusIsErrorProperty().removeListener(vpnStyle);
        vpnSwitch.selectedProperty().unbindBidirectional(model.vpn().onProperty());
        vpnSwitch.disableProperty().unbind();
        vpnSwitch.setDisable(true);
        for (javafx.scene.Node shown : new javafx.scene.Node[] {vpnWorking, vpnExplanation}) {
            shown.visibleProperty().unbind();
            shown.managedProperty().unbind();
        }
        for (Label label : new Label[] {gatewayTunnel, gatewaySocks, gatewayHttp, selectedCost, activity, message,
            vpnStatus, vpnExplanation}) {
            label.textProperty().unbind();
        }
        for (Button button : new Button[] {connectButton, speedTestButton, disconnectButton, autoButton}) {
            button.disableProperty().unbind();
            button.setDisable(true);
        }
        working.visibleProperty().unbind();
        working.managedProperty().unbind();
        table.setItems(null);
        model = null;
    }
}
