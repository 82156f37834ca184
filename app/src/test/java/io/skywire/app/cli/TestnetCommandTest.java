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

    @Test
    void theVpnWithoutChosenSubnetsIsRefusedWithTheReasonBeforeAnythingStarts() {
        assertThat(run("testnet", "--vpn", "--socks-port", "0", "--http-port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("all of IPv4").contains("--vpn-route").contains("exit traffic");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void vpnRoutesThatAreTooWideOrTouchLoopbackOrTheTunnelAreRefused() {
        assertThat(run("testnet", "--vpn", "--vpn-route", "0.0.0.0/1")).isEqualTo(2);
        assertThat(err.toString()).contains("wider than a /8");
        assertThat(run("testnet", "--vpn", "--vpn-route", "127.0.0.0/16")).isEqualTo(2);
        assertThat(err.toString()).contains("loopback");
        assertThat(run("testnet", "--vpn", "--vpn-route", "10.98.3.0/24")).isEqualTo(2);
        assertThat(err.toString()).contains("tunnel addresses");
        assertThat(run("testnet", "--vpn", "--vpn-route", "10.300.0.0/24")).isEqualTo(2);
        assertThat(err.toString()).contains("--vpn-route").contains("not an IPv4 prefix");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aVpnRouteWithoutTheVpnIsAUsageError() {
        assertThat(run("testnet", "--vpn-route", "10.202.0.0/24")).isEqualTo(2);
        assertThat(err.toString()).contains("--vpn-route needs --vpn");
    }

    @Test
    void aVpnClientLineCarriesTheGatewayTheAddressAndBothDirectionsBytes() {
        assertThat(GatewayFigures.client("d72d-10d7-cfb9-c973", new io.skywire.node.gateway.VpnExit.ClientUsage(
                "0102", "10.98.0.2", 1_200, 16_800_000)))
                .isEqualTo("VPNCLIENT d72d-10d7-cfb9-c973 10.98.0.2 1200 16800000");
    }

    @Test
    void gatewayFiguresArePrintedOnlyWhenTheyChanged() {
        java.util.List<java.util.List<String>> readings = new java.util.ArrayList<>(java.util.List.of(
                java.util.List.of("GATEWAY a exit {}", "VPNCLIENT a 10.98.0.2 0 0"),
                java.util.List.of("GATEWAY a exit {}", "VPNCLIENT a 10.98.0.2 0 0"),
                java.util.List.of("GATEWAY a exit {}", "VPNCLIENT a 10.98.0.2 60 1500")));
        Runnable printer = GatewayFigures.printChanges(() -> readings.remove(0), new PrintWriter(out, true));

        printer.run();
        printer.run();
        printer.run();

        assertThat(out.toString().lines()).containsExactly("GATEWAY a exit {}", "VPNCLIENT a 10.98.0.2 0 0",
                "GATEWAY a exit {}", "VPNCLIENT a 10.98.0.2 60 1500");
    }
}
