package io.skywire.app.ui;

import static io.skywire.app.ui.UiFixtures.candidate;
import static io.skywire.app.ui.UiFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway table's view model: rows from snapshots, text and cost filters, sorting, no FX thread. */
class GatewaysViewModelTest {

    private final GatewaysViewModel model = new GatewaysViewModel();

    @BeforeEach
    void threeGateways() {
        model.accept(List.of(
                snapshot(candidate(1, 500_000, 2_000_000, "eu-west"), 1, 1, 35, true),
                snapshot(candidate(2, 750_000, 2_000_000, "us-east"), 2, 1, 80, false),
                snapshot(candidate(3, 1_000_000, 2_000_000, "ap-south"), 0, 0, 0, false)));
    }

    @Test
    void rowsCarryPricesMeasurementsAndTheGatewayInUse() {
        GatewayRow first = model.rows().get(0);
        assertThat(first.region()).isEqualTo("eu-west");
        assertThat(first.pricePerGbDroplets()).isEqualTo(500_000);
        assertThat(first.expectedCostPerGbDroplets()).isEqualTo(2_500_000);
        assertThat(first.hops()).isEqualTo(3);
        assertThat(first.roundTripMillis()).isEqualTo(35);
        assertThat(first.successPercent()).isEqualTo(100);
        assertThat(first.inUse()).isTrue();
        assertThat(model.rows().get(1).successPercent()).isEqualTo(50);
        assertThat(model.rows().get(2).successPercent()).as("never tried is unknown, not 0 %").isEqualTo(-1);
    }

    @Test
    void textFilterMatchesRegionOrGatewayIgnoringCase() {
        model.filterTextProperty().set("US-");
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("us-east");
        String fingerprint = model.rows().get(0).gateway();
        model.filterTextProperty().set(fingerprint.substring(0, 9));
        assertThat(model.rows()).extracting(GatewayRow::gateway).contains(fingerprint);
        model.filterTextProperty().set("");
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void costCeilingInSkyIsParsedExactlyAndExplainedWhenWrong() {
        assertThat(model.setMaxCostSky("2.75")).isNull();
        assertThat(model.maxCostPerGbDropletsProperty().get()).isEqualTo(2_750_000L);
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("eu-west", "us-east");

        assertThat(model.setMaxCostSky("0.0000001")).contains("at most 6 decimals");
        assertThat(model.setMaxCostSky("cheap")).contains("not a price");
        assertThat(model.setMaxCostSky("-1")).contains("negative");
        assertThat(model.rows()).as("a refused value keeps the last ceiling").hasSize(2);

        assertThat(model.setMaxCostSky(" ")).isNull();
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void sortsByTheComparatorTheTableSetsAndKeepsItAcrossUpdates() {
        model.rows().setComparator(Comparator.comparingLong(GatewayRow::pricePerGbDroplets).reversed());
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("ap-south", "us-east", "eu-west");
        model.accept(List.of(snapshot(candidate(1, 500_000, 0, "eu-west"), 0, 0, 0, false),
                snapshot(candidate(4, 900_000, 0, "sa-east"), 0, 0, 0, false)));
        assertThat(model.rows()).extracting(GatewayRow::region).containsExactly("sa-east", "eu-west");
    }

    @Test
    void moneyIsShownInSkyFromIntegerDroplets() {
        assertThat(Money.perGb(750_000)).isEqualTo("0.750000 SKY/GB");
        assertThat(Money.sky(1_000_001)).isEqualTo("1.000001 SKY");
    }
}
