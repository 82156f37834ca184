package io.skywire.app.ui;

import java.net.URL;
import java.util.Objects;

/** Every screen's FXML file in ui-resources (each names its own same-named CSS), so a missing one fails loudly. */
public enum Screen {
    MAIN("main"),
    DASHBOARD("dashboard"),
    GATEWAYS("gateways"),
    SETTINGS("settings"),
    WIZARD("wizard"),
    WALLET("wallet"),
    UNLOCK("unlock");

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

    private static URL resource(String file) {
        return Objects.requireNonNull(Screen.class.getResource("/io/skywire/ui/" + file), "missing ui resource " + file);
    }
}
