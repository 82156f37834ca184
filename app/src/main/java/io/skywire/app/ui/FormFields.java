package io.skywire.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;

/**
 * The bindings of one form's text fields to a {@link SettingsViewModel}: each field's text both ways, its error into
 * the label beside it. Kept so that {@link #unbind()} releases exactly what {@link #bind} tied.
 */
final class FormFields {

    private final List<Runnable> unbinders = new ArrayList<>();

    /** Ties {@code input} and {@code error} to {@code field} of {@code model}. */
    void bind(SettingsViewModel model, SettingsViewModel.Field field, TextInputControl input, Label error) {
        input.textProperty().bindBidirectional(model.textProperty(field));
        error.textProperty().bind(model.errorProperty(field));
        unbinders.add(() -> {
            input.textProperty().unbindBidirectional(model.textProperty(field));
            error.textProperty().unbind();
        });
    }

    /** Ties a two-way property pair (a check box's selection, a combo box's value). */
    <T> void bindBoth(javafx.beans.property.Property<T> control, javafx.beans.property.Property<T> model) {
        control.bindBidirectional(model);
        unbinders.add(() -> control.unbindBidirectional(model));
    }

    /** Releases every binding. */
    void unbind() {
        unbinders.forEach(Runnable::run);
        unbinders.clear();
    }
}
