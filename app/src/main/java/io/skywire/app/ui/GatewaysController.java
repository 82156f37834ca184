package io.skywire.app.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.CustomTextField;

/** Binds gateways.fxml to a {@link GatewaysViewModel}: columns, sorting through the table, the two filters. */
public final class GatewaysController {

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

    @FXML
    private void initialize() {
        column(gatewayColumn, GatewayRow::gateway, text -> text);
        column(regionColumn, GatewayRow::region, text -> text);
        column(priceColumn, GatewayRow::pricePerGbDroplets, Money::perGb);
        column(costColumn, GatewayRow::expectedCostPerGbDroplets, Money::perGb);
        column(hopsColumn, GatewayRow::hops, String::valueOf);
        column(rttColumn, GatewayRow::roundTripMillis, ms -> ms == 0 ? "—" : ms + " ms");
        column(speedColumn, GatewayRow::throughputBytesPerSecond, bps -> bps == 0 ? "—" : bps / 1000 + " kB/s");
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
    }

    /** Unbinds, so the view model no longer holds this screen. */
    void detach() {
        if (model == null) {
            return;
        }
        model.rows().comparatorProperty().unbind();
        filter.textProperty().unbindBidirectional(model.filterTextProperty());
        maxCost.textProperty().removeListener(maxCostInput);
        table.setItems(null);
        model = null;
    }
}
