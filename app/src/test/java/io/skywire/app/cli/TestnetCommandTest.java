package io.skywire.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The testnet command's payment options are checked before anything starts; its earnings lines parse. */
class TestnetCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SkywireCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aZeroRelayPriceIsAUsageErrorWithTheReason() {
        assertThat(run("testnet", "--socks-port", "0", "--http-port", "0", "--relay-price", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("payments:").contains("relay price");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aSettlementPeriodBelowOneSecondIsAUsageError() {
        assertThat(run("testnet", "--settle-seconds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--settle-seconds");
    }

    @Test
    void helpNamesThePaymentOptions() {
        assertThat(run("testnet", "--help")).isZero();
        assertThat(out.toString()).contains("--free").contains("--relay-price").contains("--settle-seconds")
                .contains("ESCROW");
    }

    @Test
    void anEarningsLineCarriesTheRelayItsTotalItsBytesAndItsPrice() {
        assertThat(EarningsPrinter.earned("3fc5-cf24-d707-0b8a", 85_781, 857_848, 100_000_000))
                .isEqualTo("EARNED 3fc5-cf24-d707-0b8a 85781 (857848 bytes at 100000000/GB)")
                .matches("EARNED [0-9a-f-]+ \\d+ \\(\\d+ bytes at \\d+/GB\\)");
    }
}
