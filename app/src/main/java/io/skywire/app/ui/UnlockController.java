package io.skywire.app.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;

/** Binds unlock.fxml to an {@link UnlockViewModel}; holds no state of its own. */
public final class UnlockController {

    @FXML private Label where;
    @FXML private PasswordField password;
    @FXML private Label error;
    @FXML private ProgressIndicator busy;
    @FXML private Button unlockButton;
    @FXML private Button skip;
    private UnlockViewModel model;

    void attach(UnlockViewModel viewModel) {
        model = viewModel;
        where.setText(viewModel.where());
        error.textProperty().bind(viewModel.errorProperty());
        busy.visibleProperty().bind(viewModel.busyProperty());
        unlockButton.disableProperty().bind(viewModel.busyProperty());
        skip.disableProperty().bind(viewModel.busyProperty());
        password.disableProperty().bind(viewModel.busyProperty());
    }

    @FXML
    private void unlock() {
        char[] typed = password.getText().toCharArray();
        password.clear();
        model.attempt(typed);
    }

    @FXML
    private void skip() {
        model.skip();
    }
}
