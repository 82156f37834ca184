package io.skywire.app.ui;

import io.skywire.app.ui.SettingsViewModel.Field;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** Binds sharing.fxml (forwarding, its cap and price, the gateway) to a {@link SettingsViewModel}. */
public final class SharingController {

    @FXML private CheckBox forward;
    @FXML private TextField bandwidth;
    @FXML private Label bandwidthError;
    @FXML private TextField forwardPrice;
    @FXML private Label forwardPriceError;
    @FXML private CheckBox gateway;
    @FXML private TextField gatewayPrice;
    @FXML private Label gatewayPriceError;
    @FXML private TextField gatewayRegion;
    @FXML private Label gatewayRegionError;

    private final FormFields fields = new FormFields();

    /** Shows {@code model} until {@link #detach()}. */
    void attach(SettingsViewModel model) {
        fields.bindBoth(forward.selectedProperty(), model.forwardProperty());
        fields.bindBoth(gateway.selectedProperty(), model.gatewayProperty());
        fields.bind(model, Field.BANDWIDTH, bandwidth, bandwidthError);
        fields.bind(model, Field.FORWARD_PRICE, forwardPrice, forwardPriceError);
        fields.bind(model, Field.GATEWAY_PRICE, gatewayPrice, gatewayPriceError);
        fields.bind(model, Field.GATEWAY_REGION, gatewayRegion, gatewayRegionError);
        bandwidth.disableProperty().bind(forward.selectedProperty().not());
        forwardPrice.disableProperty().bind(forward.selectedProperty().not());
        gatewayPrice.disableProperty().bind(gateway.selectedProperty().not());
        gatewayRegion.disableProperty().bind(gateway.selectedProperty().not());
    }

    void detach() {
        fields.unbind();
        for (TextField field : new TextField[] {bandwidth, forwardPrice, gatewayPrice, gatewayRegion}) {
            field.disableProperty().unbind();
        }
    }
}
