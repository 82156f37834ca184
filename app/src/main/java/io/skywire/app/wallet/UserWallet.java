package io.skywire.app.wallet;

import io.skywire.app.testnet.ClientWallet;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.address.UsedAddress;
import io.skywire.wallet.chain.ChainActivity;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.chain.WalletFunds;
import io.skywire.wallet.chain.WithdrawalPreview;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.HistoryEntry;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.WrongPasswordException;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's unlocked wallet while the desktop app runs: balances, addresses, withdrawals, and the money the app's
 * client spends on the embedded test network. Every key it uses, pseudonyms and deposit accounts included, is a
 * never-used key of the wallet's own deterministic chain, recorded with its purpose before use, so all of it can be
 * found again from the mnemonic. Methods block on the databases: call them off the FX thread. Thread-safe.
 */
public final class UserWallet implements AutoCloseable {

    /** Purposes recorded with the addresses the wallet hands out. */
    static final String RECEIVE = "receive";
    static final String TEST_FAUCET = "test faucet";
    static final String PSEUDONYM = "escrow pseudonym";
    static final String DEPOSITOR = "escrow deposit account";
    static final String REFUND = "escrow refund";
    static final String PAYOUT = "escrow payout";
    /** Escrow history lines read per pseudonym. */
    static final int HISTORY_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(UserWallet.class);
    private static final HexFormat HEX = HexFormat.of();

    private final WalletSession session;
    private final FreshAddresses addresses;
    private final WalletFunds funds;
    private final DeterministicKeyChain keyChain;
    private final List<SkycoinKeyPair> keys = new ArrayList<>();
    private volatile Escrow escrow;

    private UserWallet(WalletSession session, Mnemonic mnemonic) {
        this.session = session;
        this.addresses = session.addresses(mnemonic);
        this.funds = session.funds(mnemonic);
        this.keyChain = new DeterministicKeyChain(session.secp256k1(), mnemonic.seed());
    }

    /**
     * Opens the wallet in {@code files} with {@code password}.
     *
     * @throws WrongPasswordException for a wrong password (nothing stays open)
     * @throws IOException when the seed file cannot be read or is damaged
     */
    public static UserWallet unlock(WalletFiles files, char[] password) throws IOException, WrongPasswordException {
        WalletSession session = WalletSession.open(files);
        try {
            return new UserWallet(session, session.reveal(password));
        } catch (IOException | WrongPasswordException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Opens the wallet just created in {@code files} from {@code mnemonic} (the first-run wizard's, whose password was
     * typed a moment ago), without sealing or unsealing the seed again.
     */
    public static UserWallet created(WalletFiles files, Mnemonic mnemonic) {
        WalletSession session = WalletSession.open(files);
        try {
            return new UserWallet(session, mnemonic);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    public WalletFiles files() {
        return session.files();
    }

    /** A never-used address to receive coins on; each call hands out the next one. */
    public synchronized SkycoinAddress receiveAddress() {
        return addresses.freshAddress(RECEIVE).address();
    }

    /**
     * The exact withdrawal, fee included, without sending anything.
     *
     * @throws ChainRefusedException when the wallet cannot pay it
     */
    public synchronized WithdrawalPreview preview(SkycoinAddress to, Droplets amount) throws ChainRefusedException {
        return funds.preview(to, amount);
    }

    /**
     * Sends the withdrawal the user confirmed; refuses if its fee is no longer the one shown.
     *
     * @return the chain transaction's id
     * @throws ChainRefusedException when the chain refuses it or the fee changed
     */
    public synchronized String withdraw(WithdrawalPreview confirmed) throws ChainRefusedException {
        WithdrawalPreview now = funds.preview(confirmed.to(), confirmed.amount());
        if (!now.fee().equals(confirmed.fee())) {
            throw new ChainRefusedException(ChainRefusedException.Reason.UNAVAILABLE, "the fee is now " + now.fee()
                    + ", not the " + confirmed.fee() + " you confirmed; nothing was sent");
        }
        String id = funds.withdraw(confirmed.to(), confirmed.amount());
        LOG.info("withdrew {} to {} in {}", confirmed.amount(), confirmed.to(), id);
        return id;
    }

    /** While the embedded network runs, its escrow, where the wallet's pseudonyms are read; null when it stops. */
    public void useEscrow(Escrow running) {
        escrow = running;
    }

    /**
     * The wallet as the embedded test network's paying client: it deposits {@code amount} from the wallet's coins
     * (topping up from the local chain's faucet first when they fall short, recorded as test funds), pays from a
     * pseudonym of the wallet's keys, and takes back what is left when the network stops.
     */
    public ClientWallet forTestNetwork() {
        return new ClientWallet() {
            @Override
            public Path chainFile() {
                return session.files().localChain();
            }

            @Override
            public byte[] newDepositorSecret() {
                return keyFor(DEPOSITOR).secret();
            }

            @Override
            public byte[] newPseudonymSecret() {
                return keyFor(PSEUDONYM).secret();
            }

            @Override
            public void payDeposit(SkycoinAddress deposit, Droplets amount) throws ChainRefusedException {
                synchronized (UserWallet.this) {
                    Droplets held = funds.balance();
                    if (held.compareTo(amount) < 0) {
                        Droplets shortfall = amount.minus(held);
                        session.chain().mint(addresses.freshAddress(TEST_FAUCET).address(), shortfall);
                        LOG.info("test funds: the local chain's faucet minted {} to the wallet", shortfall);
                    }
                    funds.withdraw(deposit, amount);
                }
            }

            @Override
            public SkycoinAddress refundAddress() {
                synchronized (UserWallet.this) {
                    return addresses.freshAddress(REFUND).address();
                }
            }
        };
    }

    /** Reads balances, pseudonyms, the escrow's history of them and the chain transactions. */
    public synchronized WalletReading read() {
        List<UsedAddress> used = addresses.usedAddresses();
        Escrow running = escrow;
        List<WalletReading.Pseudonym> pseudonyms = new ArrayList<>();
        List<WalletReading.EscrowEntry> history = new ArrayList<>();
        Droplets inEscrow = Droplets.ZERO;
        for (UsedAddress address : used) {
            if (!address.purpose().equals(PSEUDONYM)) {
                continue;
            }
            byte[] key = keyAt(address.index()).publicKey();
            String hex = HEX.formatHex(key);
            Droplets balance = Droplets.ZERO;
            if (running != null) {
                balance = running.balance(key);
                for (HistoryEntry entry : running.history(key, HISTORY_LIMIT)) {
                    history.add(new WalletReading.EscrowEntry(entry.time(), hex, entry.memo(), entry.amount()));
                }
            }
            inEscrow = inEscrow.plus(balance);
            pseudonyms.add(new WalletReading.Pseudonym(hex, balance, address.usedAt()));
        }
        history.sort(Comparator.comparing(WalletReading.EscrowEntry::time).reversed());
        Map<Long, String> labels = labels(used);
        Droplets earned = Droplets.ZERO;
        for (UsedAddress address : used) {
            if (address.purpose().equals(PAYOUT)) {
                earned = earned.plus(received(address.address()));
            }
        }
        List<WalletReading.Activity> transactions = new ArrayList<>();
        for (ChainActivity activity : WalletFunds.history(session.chain(), used)) {
            transactions.add(new WalletReading.Activity(activity.time(), activity.transactionId(), activity.change(),
                    labels.getOrDefault(activity.height(), "")));
        }
        transactions.sort(Comparator.comparing(WalletReading.Activity::time).reversed());
        return new WalletReading(session.chain().name(), WalletFunds.balance(session.chain(), used), inEscrow,
                running != null, earned, pseudonyms, history, transactions);
    }

    /** What {@code address} has received in total. */
    private Droplets received(SkycoinAddress address) {
        Droplets total = Droplets.ZERO;
        for (ChainActivity activity : session.chain().transactions(address)) {
            if (!activity.change().isNegative()) {
                total = total.plus(activity.change());
            }
        }
        return total;
    }

    /** A label per transaction height, from the purpose of the wallet's address it credited or debited. */
    private Map<Long, String> labels(List<UsedAddress> used) {
        Map<Long, String> labels = new HashMap<>();
        for (UsedAddress address : used) {
            for (ChainActivity activity : session.chain().transactions(address.address())) {
                String label = label(address.purpose(), activity.change().isNegative());
                labels.merge(activity.height(), label, (a, b) -> a.equals("sent") ? a : b.equals("sent") ? b : a);
            }
        }
        return labels;
    }

    static String label(String purpose, boolean debit) {
        if (debit) {
            return "sent";
        }
        return switch (purpose) {
            case TEST_FAUCET -> "test funds (local chain faucet)";
            case REFUND -> "returned from the escrow";
            case PAYOUT -> "earnings paid out by the escrow";
            case "change" -> "change";
            default -> "received";
        };
    }

    /** Hands out the next never-used key for {@code purpose} and returns its key pair. */
    private synchronized SkycoinKeyPair keyFor(String purpose) {
        return keyAt(addresses.freshAddress(purpose).index());
    }

    private SkycoinKeyPair keyAt(int index) {
        while (keys.size() <= index) {
            keys.add(keyChain.next());
        }
        return keys.get(index);
    }

    @Override
    public synchronized void close() {
        escrow = null;
        session.close();
    }
}
