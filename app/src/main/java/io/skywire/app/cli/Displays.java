package io.skywire.app.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Whether a window can open: on Linux and the BSDs a window needs an X or Wayland display, and JavaFX without one
 * fails deep inside its toolkit with a stack trace; the launcher says so in one line instead. Headless Monocle (the
 * tests' renderer) needs no display. On Windows and macOS a desktop session is assumed.
 */
final class Displays {

    static final String NO_DISPLAY = "no display; run `skywire --help` for the command line";

    private Displays() {
    }

    /** The one-line reason no window can open, or null when one can. */
    static String missing(Map<String, String> environment, String osName, String glassPlatform) {
        if ("Monocle".equalsIgnoreCase(glassPlatform)) {
            return null;
        }
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return null;
        }
        boolean display = !environment.getOrDefault("DISPLAY", "").isBlank()
                || !environment.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return display ? null : NO_DISPLAY;
    }
}
