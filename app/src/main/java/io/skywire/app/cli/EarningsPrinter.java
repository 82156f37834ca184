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
 * paid out plus balance at the escrow, and the bytes it forwarded; nothing while it has earned nothing), then one
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
            Droplets before = printed.getOrDefault(relay, Droplets.ZERO);
            if (!round.earned().equals(before)) {
                printed.put(relay, round.earned());
                out.println(earned(relay, round.earned().value(), round.forwardedBytes(), round.relay().pricePerGb()));
            }
            for (Payout payout : round.payouts()) {
                out.println("PAYOUT " + relay + " " + payout.amount().value() + " " + payout.address());
            }
            out.flush();
        }
    }

    static String earned(String relay, long droplets, long bytes, long pricePerGb) {
        return "EARNED " + relay + " " + droplets + " (" + bytes + " bytes at " + pricePerGb + "/GB)";
    }
}
