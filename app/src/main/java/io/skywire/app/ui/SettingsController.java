package io.skywire.app.ui;

import io.skywire.app.ui.SettingsViewModel.Field;
import io.skywire.node.engine.QosClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

/** Binds settings.fxml to a {@link SettingsViewModel}: every field with its error beside it, and Save. */
public final class SettingsController {

    @FXML private SharingController sharingController;
    @FXML private ComboBox<QosClass> qos;
    @FXML private CheckBox vpnStoreAndForward;
    @FXML private TextField listenAddress;
    @FXML private Label listenAddressError;
    @FXML private TextField udpPort;
    @FXML private Label udpPortError;
    @FXML private TextField tcpPort;
    @FXML private Label tcpPortError;
    @FXML private TextField socksPort;
    @FXML private Label socksPortError;
    @FXML private TextField httpPort;
    @FXML private Label httpPortError;
    @FXML private TextField dataDir;
    @FXML private Label dataDirError;
    @FXML private TextArea bootstrap;
    @FXML private Label bootstrapError;
    @FXML private Button save;
    @FXML private Label saveStatus;
    @FXML private Label restartNote;

    private final FormFields fields = new FormFields();
    private SettingsViewModel model;

    @FXML
    private void initialize() {
        qos.getItems().setAll(QosClass.values());
        qos.setConverter(new StringConverter<>() {
            @Override
            public String toString(QosClass value) {
                return value == null ? "" : value == QosClass.BULK ? "Bulk (the default)" : "Real-time (sent first)";
            }

            @Override
            public QosClass fromString(String text) {
                throw new UnsupportedOperationException("the list is not editable");
            }
        });
        restartNote.setText(SettingsViewModel.RESTART_NOTE);
    }

    @FXML
    private void save() {
        if (model != null) {
            model.save();
        }
    }

    /** Shows {@code viewModel} until {@link #detach()}. */
    void attach(SettingsViewModel viewModel) {
        model = viewModel;
        sharingController.attach(viewModel);
        fields.bindBoth(qos.valueProperty(), viewModel.qosProperty());
        fields.bindBoth(vpnStoreAndForward.selectedProperty(), viewModel.vpnStoreAndForwardProperty());
        fields.bind(viewModel, Field.LISTEN_ADDRESS, listenAddress, listenAddressError);
        fields.bind(viewModel, Field.UDP_PORT, udpPort, udpPortError);
        fields.bind(viewModel, Field.TCP_PORT, tcpPort, tcpPortError);
        fields.bind(viewModel, Field.SOCKS_PORT, socksPort, socksPortError);
        fields.bind(viewModel, Field.HTTP_PORT, httpPort, httpPortError);
        fields.bind(viewModel, Field.DATA_DIR, dataDir, dataDirError);
        fields.bind(viewModel, Field.BOOTSTRAP, bootstrap, bootstrapError);
        saveStatus.textProperty().bind(viewModel.saveStatusProperty());
        save.disableProperty().bind(viewModel.validProperty().not());
    }

    /** Unbinds, so the view model no longer holds this screen. */
    void detach() {
        if (model == null) {
            return;
        }
        sharingController.detach();
        fields.unbind();
        saveStatus.textProperty().unbind();
        save.disableProperty().unbind();
        model = null;
    }
}
