package io.skywire.app.ui;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.app.settings.SettingKey;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.engine.QosClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The settings form (the settings screen, and the sharing step of the first-run wizard) as plain properties: one text
 * per field with its error beside it, checked as it is typed by the same {@link SettingKey#parse} that reads {@code
 * desktop.conf}, so the screen accepts exactly what the file does. Prices are typed in SKY and read with the wallet's
 * {@code Droplets.parse}; the file keeps droplets. Save writes the file; the node reads it when the app starts, so
 * every change takes effect at the next start, and the form says so.
 */
public final class SettingsViewModel {

    /** The form's text fields, each with an error shown next to it. */
    public enum Field {
        BANDWIDTH(SettingKey.BANDWIDTH),
        FORWARD_PRICE(SettingKey.FORWARD_PRICE),
        GATEWAY_PRICE(SettingKey.GATEWAY_PRICE),
        GATEWAY_REGION(SettingKey.GATEWAY_REGION),
        LISTEN_ADDRESS(SettingKey.LISTEN_ADDRESS),
        UDP_PORT(SettingKey.UDP_PORT),
        TCP_PORT(SettingKey.TCP_PORT),
        SOCKS_PORT(SettingKey.SOCKS_PORT),
        HTTP_PORT(SettingKey.HTTP_PORT),
        DATA_DIR(SettingKey.DATA_DIR),
        BOOTSTRAP(SettingKey.BOOTSTRAP);

        private final SettingKey key;

        Field(SettingKey key) {
            this.key = key;
        }

        boolean isPrice() {
            return this == FORWARD_PRICE || this == GATEWAY_PRICE;
        }
    }

    /** What the screen says about when saved settings apply. */
    public static final String RESTART_NOTE = "Changes take effect when Skywire starts again: the node, its ports and "
            + "its proxies are set up once, at start.";

    private final BooleanProperty forward = new SimpleBooleanProperty();
    private final BooleanProperty gateway = new SimpleBooleanProperty();
    private final ObjectProperty<QosClass> qos = new SimpleObjectProperty<>(QosClass.BULK);
    private final BooleanProperty vpnStoreAndForward = new SimpleBooleanProperty(true);
    private final Map<Field, StringProperty> texts = new EnumMap<>(Field.class);
    private final Map<Field, StringProperty> errors = new EnumMap<>(Field.class);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final StringProperty saveStatus = new SimpleStringProperty("");
    private final Path file;

    /**
     * A form showing {@code settings}.
     *
     * @param file where Save writes, or null when there is nowhere to save (a window opened without a data directory)
     */
    public SettingsViewModel(DesktopSettings settings, Path file) {
        this.file = file;
        for (Field field : Field.values()) {
            StringProperty error = new SimpleStringProperty("");
            StringProperty text = new SimpleStringProperty("");
            texts.put(field, text);
            errors.put(field, error);
            text.addListener((obs, old, now) -> {
                error.set(check(field, now));
                valid.set(errors.values().stream().allMatch(e -> e.get().isEmpty()));
                saveStatus.set("");
            });
        }
        load(settings);
    }

    /** Shows {@code settings} in every field. */
    public void load(DesktopSettings settings) {
        forward.set(settings.forward());
        gateway.set(settings.gateway());
        qos.set(settings.qos());
        vpnStoreAndForward.set(settings.vpnStoreAndForward());
        for (Field field : Field.values()) {
            List<String> values = settings.text(field.key);
            texts.get(field).set(field.isPrice() ? Money.sky(Long.parseLong(values.get(0)))
                    : String.join("\n", values));
        }
    }

    /** The error of {@code text} in {@code field}, or "" when it is fine. */
    private static String check(Field field, String text) {
        try {
            value(field, text);
            return "";
        } catch (NodeConfigException e) {
            return e.getMessage();
        }
    }

    /** The checked value; for {@link Field#BOOTSTRAP} the list of nodes, one per non-blank line. */
    private static Object value(Field field, String text) throws NodeConfigException {
        if (field == Field.BOOTSTRAP) {
            List<String> nodes = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    nodes.add((String) field.key.parse(lines[i]));
                } catch (NodeConfigException e) {
                    throw new NodeConfigException(i + 1, e.reason());
                }
            }
            return nodes;
        }
        if (field.isPrice()) {
            try {
                text = Long.toString(Money.parsePrice(text));
            } catch (IllegalArgumentException e) {
                throw new NodeConfigException(0, e.getMessage());
            }
        }
        return field.key.parse(text);
    }

    /**
     * The settings the form shows, or null while a field has an error (each error is already next to its field).
     */
    @SuppressWarnings("unchecked")
    public DesktopSettings settings() {
        try {
            return new DesktopSettings(forward.get(), (Long) value(Field.BANDWIDTH),
                    (Long) value(Field.FORWARD_PRICE), gateway.get(), (Long) value(Field.GATEWAY_PRICE),
                    (String) value(Field.GATEWAY_REGION), qos.get(), (String) value(Field.LISTEN_ADDRESS),
                    (Integer) value(Field.UDP_PORT), (Integer) value(Field.TCP_PORT), (Integer) value(Field.SOCKS_PORT),
                    (Integer) value(Field.HTTP_PORT), (String) value(Field.DATA_DIR),
                    (List<String>) value(Field.BOOTSTRAP), vpnStoreAndForward.get());
        } catch (NodeConfigException e) {
            return null;
        }
    }

    private Object value(Field field) throws NodeConfigException {
        return value(field, texts.get(field).get());
    }

    /**
     * Writes the settings to the file (atomically); the outcome is in {@link #saveStatusProperty()}.
     *
     * @return whether the file was written
     */
    public boolean save() {
        DesktopSettings settings = settings();
        if (settings == null) {
            saveStatus.set("Not saved: correct the fields marked in red first.");
            return false;
        }
        if (file == null) {
            saveStatus.set("Not saved: this window has no data directory.");
            return false;
        }
        try {
            DesktopSettingsFile.write(file, settings);
        } catch (IOException e) {
            saveStatus.set("Not saved: " + e.getMessage());
            return false;
        }
        saveStatus.set("Saved to " + file + ". " + RESTART_NOTE);
        return true;
    }

    public StringProperty textProperty(Field field) {
        return texts.get(field);
    }

    public StringProperty errorProperty(Field field) {
        return errors.get(field);
    }

    public BooleanProperty forwardProperty() {
        return forward;
    }

    public BooleanProperty gatewayProperty() {
        return gateway;
    }

    /** The VPN's bulk lane store-and-forward (checked) or cut-through; the proxies' streams are not affected. */
    public BooleanProperty vpnStoreAndForwardProperty() {
        return vpnStoreAndForward;
    }

    public ObjectProperty<QosClass> qosProperty() {
        return qos;
    }

    /** True while no field has an error. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public StringProperty saveStatusProperty() {
        return saveStatus;
    }

    /** Where Save writes, or null. */
    public Path file() {
        return file;
    }
}
