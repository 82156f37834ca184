package io.skywire.app.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javafx.fxml.FXMLLoader;

/** Every screen's FXML file in ui-resources (each names its own same-named CSS), so a missing one fails loudly. */
public enum Screen {
    MAIN("main"),
    DASHBOARD("dashboard"),
    GATEWAYS("gateways"),
    SETTINGS("settings"),
    WIZARD("wizard"),
    ROUTE_MAP("routemap"),
    WALLET("wallet"),
    UNLOCK("unlock"),
    CHAT("chat");

    private final String name;

    Screen(String name) {
        this.name = name;
    }

    /** The FXML file on the class path. */
    public URL fxml() {
        return resource(name + ".fxml");
    }

    /** The screen's style sheet on the class path. */
    public URL css() {
        return resource(name + ".css");
    }

    /**
     * Loads the screen's FXML; its root and controller are then the loader's.
     *
     * @throws UncheckedIOException when the file cannot be loaded (a packaging error, not the user's)
     */
    FXMLLoader load() {
        FXMLLoader loader = new FXMLLoader(fxml());
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml() + ": " + e.getMessage(), e);
        }
        return loader;
    }

    private static URL resource(String file) {
        return Objects.requireNonNull(Screen.class.getResource("/io/skywire/ui/" + file), "missing ui resource " + file);
    }
}
