package io.skywire.app.cli;

import io.skywire.app.wallet.WalletSession;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code skywire wallet faucet}: mints coins on the local chain to a fresh address, for a test network. */
@Command(name = "faucet", mixinStandardHelpOptions = true,
        description = "Local chain only: mint AMOUNT new coins to a fresh address of the wallet (test networks).")
final class WalletFaucetCommand implements Callable<Integer> {

    /** Enough for any test network; a typo such as 1e9 is refused rather than minted. */
    static final Droplets MAX = Droplets.ofSky(1_000_000);

    @Spec
    private CommandSpec spec;

    @Mixin
    private WalletOptions options;

    @Parameters(index = "0", paramLabel = "AMOUNT", description = "SKY, at most 6 decimals.")
    private String amountText;

    @Override
    public Integer call() throws IOException {
        Droplets amount;
        try {
            amount = Droplets.parse(amountText);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "invalid amount: " + e.getMessage());
        }
        if (amount.value() < 1 || amount.compareTo(MAX) > 0) {
            throw new ParameterException(spec.commandLine(), "the amount must be above 0 and at most " + MAX);
        }
        try (WalletSession session = options.open()) {
            SkycoinAddress address = session.addresses(options.unlock(spec, session)).freshAddress("faucet").address();
            session.chain().mint(address, amount);
            spec.commandLine().getOut().println("minted " + amount + " to " + address + " on the "
                    + session.chain().name());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
