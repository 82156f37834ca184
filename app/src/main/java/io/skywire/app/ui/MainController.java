package io.skywire.app.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import org.controlsfx.control.StatusBar;

/** The window's frame: the tabs with their screens' controllers, the status bar and the light/dark switch. */
public final class MainController {

    @FXML private TabPane tabs;
    @FXML private StatusBar statusBar;
    @FXML private ToggleButton darkTheme;
    @FXML private DashboardController dashboardController;
    @FXML private GatewaysController gatewaysController;
    @FXML private SettingsController settingsController;
    @FXML private Tab settingsTab;
    @FXML private Tab routeMapTab;
    @FXML private RouteMapController routeMapController;
    @FXML private WalletController walletController;
    @FXML private ChatController chatController;

    @FXML
    private void toggleTheme() {
        Themes.apply(darkTheme.isSelected());
    }

    /** Long work under way: the status bar says what and shows indeterminate progress. */
    void working(String what) {
        statusBar.setText(what);
        statusBar.setProgress(-1);
    }

    /** The status bar's steady text, without progress. */
    void status(String text) {
        statusBar.setText(text);
        statusBar.setProgress(0);
    }

    DashboardController dashboard() {
        return dashboardController;
    }

    GatewaysController gateways() {
        return gatewaysController;
    }

    SettingsController settings() {
        return settingsController;
    }

    Tab settingsTab() {
        return settingsTab;
    }

    RouteMapController routeMap() {
        return routeMapController;
    }

    Tab routeMapTab() {
        return routeMapTab;
    }

    WalletController wallet() {
        return walletController;
    }

    ChatController chat() {
        return chatController;
    }

    TabPane tabs() {
        return tabs;
    }
}
