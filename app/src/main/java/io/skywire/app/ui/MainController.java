package io.skywire.app.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import org.controlsfx.control.StatusBar;

/**
 * The window's frame: the tabs with their screens' controllers, the status bar and the light/dark switch. The
 * dashboard (the first tab) is part of main.fxml; every other screen is a {@link LazyScreen}, loaded when its tab is
 * first selected, so the window's first frame waits for one screen, not six.
 */
public final class MainController {

    @FXML private TabPane tabs;
    @FXML private StatusBar statusBar;
    @FXML private ToggleButton darkTheme;
    @FXML private DashboardController dashboardController;
    @FXML private Tab gatewaysTab;
    @FXML private Tab settingsTab;
    @FXML private Tab routeMapTab;
    @FXML private Tab walletTab;
    @FXML private Tab chatTab;
    private LazyScreen<GatewaysController> gateways;
    private LazyScreen<SettingsController> settings;
    private LazyScreen<RouteMapController> routeMap;
    private LazyScreen<WalletController> wallet;
    private LazyScreen<ChatController> chat;

    @FXML
    private void initialize() {
        gateways = new LazyScreen<>(gatewaysTab, Screen.GATEWAYS);
        settings = new LazyScreen<>(settingsTab, Screen.SETTINGS);
        routeMap = new LazyScreen<>(routeMapTab, Screen.ROUTE_MAP);
        wallet = new LazyScreen<>(walletTab, Screen.WALLET);
        chat = new LazyScreen<>(chatTab, Screen.CHAT);
        tabs.getSelectionModel().selectedItemProperty().addListener((property, before, selected) -> {
            for (LazyScreen<?> screen : java.util.List.of(gateways, settings, routeMap, wallet, chat)) {
                if (screen.tab() == selected) {
                    screen.controller();
                }
            }
        });
    }

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

    LazyScreen<GatewaysController> gateways() {
        return gateways;
    }

    LazyScreen<SettingsController> settings() {
        return settings;
    }

    Tab settingsTab() {
        return settingsTab;
    }

    LazyScreen<RouteMapController> routeMap() {
        return routeMap;
    }

    Tab routeMapTab() {
        return routeMapTab;
    }

    LazyScreen<WalletController> wallet() {
        return wallet;
    }

    LazyScreen<ChatController> chat() {
        return chat;
    }

    TabPane tabs() {
        return tabs;
    }
}
