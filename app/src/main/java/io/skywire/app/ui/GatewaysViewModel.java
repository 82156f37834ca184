package io.skywire.app.ui;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.wallet.ledger.Droplets;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The gateway table's state: every gateway the client knows as {@link GatewayRow}s, a text filter (region or
 * fingerprint) and an optional ceiling on the expected cost per GB. The table binds {@link #rows()}, whose
 * comparator it sets from its sort order; tests read the same list without a toolkit.
 */
public final class GatewaysViewModel {

    private final ObservableList<GatewayRow> all = FXCollections.observableArrayList();
    private final FilteredList<GatewayRow> filtered = new FilteredList<>(all);
    private final SortedList<GatewayRow> sorted = new SortedList<>(filtered);
    private final StringProperty filterText = new SimpleStringProperty("");
    /** Null for no ceiling. */
    private final ObjectProperty<Long> maxCostPerGbDroplets = new SimpleObjectProperty<>();

    public GatewaysViewModel() {
        filterText.addListener((obs, old, now) -> refilter());
        maxCostPerGbDroplets.addListener((obs, old, now) -> refilter());
    }

    /** Replaces the rows with the latest snapshots, keeping filter and sort order. */
    public void accept(List<GatewaySnapshot> snapshots) {
        all.setAll(snapshots.stream().map(GatewayRow::of).toList());
    }

    private void refilter() {
        String needle = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        Long ceiling = maxCostPerGbDroplets.get();
        filtered.setPredicate(row -> (needle.isEmpty()
                || row.region().toLowerCase(Locale.ROOT).contains(needle)
                || row.gateway().toLowerCase(Locale.ROOT).contains(needle))
                && (ceiling == null || row.expectedCostPerGbDroplets() <= ceiling));
    }

    /**
     * Parses the user's cost ceiling in SKY per GB ("1.5"), exactly into droplets; blank clears it.
     *
     * @return an error message for the field, or null when accepted
     */
    public String setMaxCostSky(String text) {
        if (text == null || text.isBlank()) {
            maxCostPerGbDroplets.set(null);
            return null;
        }
        Droplets ceiling;
        try {
            ceiling = Droplets.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return "not a price in SKY with at most 6 decimals: " + text.strip();
        }
        if (ceiling.isNegative()) {
            return "a price cannot be negative";
        }
        maxCostPerGbDroplets.set(ceiling.value());
        return null;
    }

    /** The filtered, sorted rows the table shows. */
    public SortedList<GatewayRow> rows() {
        return sorted;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<Long> maxCostPerGbDropletsProperty() {
        return maxCostPerGbDroplets;
    }
}
