package io.skywire.app.ui;

import io.skywire.wallet.seed.ScryptParameters;
import java.nio.file.Path;
import java.security.SecureRandom;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The first-run wizard's window: wizard.fxml over a {@link WizardViewModel} whose wallet is written on a thread of its
 * own and whose outcome comes back through {@link Platform#runLater}. Closing the window cancels, except while the
 * files are being written (then the close is ignored until they are). The window hides itself when the wizard ends.
 */
public final class FirstRunWizard {

    private FirstRunWizard() {
    }

    /** Shows the wizard on {@code stage} (FX thread); see {@link WizardViewModel#finished()} for its end. */
    public static WizardViewModel show(Stage stage, Path dataDir, ScryptParameters scrypt) {
        WizardViewModel model = new WizardViewModel(dataDir, scrypt, new SecureRandom(), work -> {
            Thread thread = new Thread(work, "skywire-wizard");
            thread.setDaemon(true);
            thread.start();
        }, Platform::runLater);
        FXMLLoader loader = Screen.WIZARD.load();
        Parent root = loader.getRoot();
        WizardController controller = loader.getController();
        controller.attach(model);
        stage.setTitle("Skywire: first start");
        stage.setScene(new Scene(root));
        stage.setOnCloseRequest(event -> {
            event.consume();
            model.cancel();
        });
        model.finished().whenComplete((created, e) -> Platform.runLater(stage::hide));
        stage.show();
        return model;
    }
}
