package io.skywire.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Tab;

/**
 * A tab whose screen (FXML, CSS, controller) is loaded the first time it is needed rather than before the window's
 * first frame: parsing a screen's FXML and CSS and building its controls is most of what the FX thread does before
 * it can show the window, so only the first tab's screen is loaded up front. What the window wants done with the
 * controller before then ({@link #with}) is queued and runs, in order, right after the load; what only matters while
 * the screen exists ({@link #ifLoaded}) is skipped until then.
 *
 * <p>FX thread only.
 *
 * @param <C> the screen's controller
 */
final class LazyScreen<C> {

    private final Tab tab;
    private final Screen screen;
    private final List<Consumer<C>> pending = new ArrayList<>();
    private C controller;

    LazyScreen(Tab tab, Screen screen) {
        this.tab = tab;
        this.screen = screen;
    }

    /** Runs {@code action} on the controller now if the screen is loaded, else right after it loads. */
    void with(Consumer<C> action) {
        if (controller != null) {
            action.accept(controller);
        } else {
            pending.add(action);
        }
    }

    /** Runs {@code action} on the controller only if the screen is loaded already. */
    void ifLoaded(Consumer<C> action) {
        if (controller != null) {
            action.accept(controller);
        }
    }

    /** The controller, loading the screen into its tab first if it is not loaded yet. */
    C controller() {
        if (controller == null) {
            FXMLLoader loader = screen.load();
            Parent root = loader.getRoot();
            tab.setContent(root);
            controller = loader.getController();
            List<Consumer<C>> queued = new ArrayList<>(pending);
            pending.clear();
            queued.forEach(action -> action.accept(controller));
        }
        return controller;
    }

    /** Whether the screen has been loaded. */
    boolean loaded() {
        return controller != null;
    }

    Tab tab() {
        return tab;
    }
}
