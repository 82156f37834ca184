package io.skywire.app.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The app's two looks: AtlantaFX's Primer light and dark as the user-agent style sheet under every screen's CSS. */
public final class Themes {

    private Themes() {
    }

    /** Switches every window to the dark or light theme (FX thread, once the toolkit runs). */
    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
