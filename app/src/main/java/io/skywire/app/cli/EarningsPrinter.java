package io.skywire.app.cli;

import io.skywire.app.testnet.PaidRelay;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.ledger.Droplets;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The paid test network's earnings as lines a user reads and a test parses: after a settlement round, for each relay
 * whose earnings changed, {@code EARNED <fingerprint> <droplets> (<bytes> bytes at <price>/GB)} (earnings so far,
 * paid out plus balance at the escrow, and the bytes it forwarded), then one
 * {@code PAYOUT <fingerprint> <droplets> <address>} per withdrawal made in the round.
 */
final class EarningsPrinter implements Consumer<PaidRelay.Round> {

    private final PrintWriter out;
    private final Map<String, Droplets> printed = new HashMap<>();

    EarningsPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(PaidRelay.Round round) {
        String relay = round.relay().node().fingerprint();
        synchronized (out) {
            if (!round.earned().equals(printed.put(relay, round.earned()))) {
                out.println(earned(relay, round));
            }
            for (Payout payout : round.payouts()) {
                out.println("PAYOUT " + relay + " " + payout.amount().value() + " " + payout.address());
            }
            out.flush();
        }
    }

    static String earned(String relay, PaidRelay.Round round) {
        return "EARNED " + relay + " " + round.earned().value() + " (" + round.forwardedBytes() + " bytes at "
                + round.relay().pricePerGb() + "/GB)";
    }
}
