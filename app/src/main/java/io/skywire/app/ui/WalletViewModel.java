package io.skywire.app.ui;

import io.skywire.app.wallet.WalletReading;
import io.skywire.wallet.chain.WithdrawalPreview;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.AddressFormatException;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The wallet screen's state as plain properties: balances, pseudonyms, the escrow's history of them, earnings and
 * spending by day, the receive address with its QR code, the withdrawal form with its errors and exact fee, and the
 * transaction list. It is fed whole {@link WalletReading}s and the results of background work by whoever owns the
 * threads ({@link WalletActions}), so tests drive it without a toolkit.
 */
public final class WalletViewModel {

    /** Days the chart shows, ending today. */
    public static final int CHART_DAYS = 14;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A pseudonym as a table row. */
    public record PseudonymRow(String key, String balance, String created) {
    }

    /** A change at the escrow as a table row. */
    public record EscrowRow(String time, String pseudonym, String what, String amount) {
    }

    /** A chain transaction as a table row. */
    public record TransactionRow(String time, String what, String change, String id) {
    }

    /** A day's real postings: what the escrow paid out to the wallet, and what its pseudonyms paid relays. */
    public record DayTotal(LocalDate day, long earnedDroplets, long paidDroplets) {
    }

    /** What the user asked to withdraw, once both fields are valid. */
    public record Withdrawal(SkycoinAddress to, Droplets amount) {
    }

    private final ZoneId zone;
    private final StringProperty status = new SimpleStringProperty("No wallet yet");
    private final BooleanProperty available = new SimpleBooleanProperty();
    private final StringProperty onChain = new SimpleStringProperty("");
    private final StringProperty inEscrow = new SimpleStringProperty("");
    private final StringProperty inEscrowNote = new SimpleStringProperty("");
    private final StringProperty earned = new SimpleStringProperty("");
    private final StringProperty earnedNote = new SimpleStringProperty("");
    private final ObservableList<PseudonymRow> pseudonyms = FXCollections.observableArrayList();
    private final ObservableList<EscrowRow> escrowHistory = FXCollections.observableArrayList();
    private final ObservableList<TransactionRow> transactions = FXCollections.observableArrayList();
    private final ObservableList<DayTotal> byDay = FXCollections.observableArrayList();
    private final StringProperty receiveAddress = new SimpleStringProperty("");
    private final ObjectProperty<QrCode> receiveQr = new SimpleObjectProperty<>();
    private final StringProperty withdrawAddress = new SimpleStringProperty("");
    private final StringProperty withdrawAmount = new SimpleStringProperty("");
    private final StringProperty addressError = new SimpleStringProperty("");
    private final StringProperty amountError = new SimpleStringProperty("");
    private final StringProperty withdrawPreview = new SimpleStringProperty("");
    private final ObjectProperty<WithdrawalPreview> pending = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long onChainDroplets = -1;

    public WalletViewModel() {
        this(ZoneId.systemDefault());
    }

    /** Days are counted in {@code zone}. */
    public WalletViewModel(ZoneId zone) {
        this.zone = zone;
    }

    /** There is no wallet in the data directory: the screen says so and shows nothing else. */
    public void noWallet() {
        available.set(false);
        status.set("No wallet yet");
    }

    /** The wallet is being unlocked (the password is asked for, or scrypt is at work): nothing to show yet. */
    public void unlocking() {
        available.set(false);
        status.set("Unlocking the wallet…");
    }

    /** A wallet exists but was not unlocked. */
    public void locked() {
        available.set(false);
        status.set("Wallet locked: restart the app to unlock it");
    }

    /** Applies one reading of the wallet. */
    public void accept(WalletReading reading) {
        available.set(true);
        status.set("Coins on the " + reading.chainName());
        onChainDroplets = reading.onChain().value();
        onChain.set(Money.sky(reading.onChain().value()));
        inEscrow.set(reading.escrowRunning() ? Money.sky(reading.inEscrow().value()) : "no escrow running");
        int count = reading.pseudonyms().size();
        inEscrowNote.set(reading.escrowRunning() ? "on " + count + " pseudonym" + (count == 1 ? "" : "s")
                + " at the local test network's escrow" : "the escrow runs with the paid local test network");
        earned.set(Money.sky(reading.earned().value()));
        earnedNote.set("paid out to this wallet by the escrow; on the local test network this node forwards for "
                + "no one, so nothing waits for settlement");
        List<PseudonymRow> keys = new ArrayList<>();
        for (WalletReading.Pseudonym pseudonym : reading.pseudonyms()) {
            keys.add(new PseudonymRow(shortKey(pseudonym.publicKeyHex()),
                    reading.escrowRunning() ? Money.sky(pseudonym.balance().value()) : "escrow not running",
                    time(pseudonym.createdAt())));
        }
        pseudonyms.setAll(keys);
        List<EscrowRow> history = new ArrayList<>();
        for (WalletReading.EscrowEntry entry : reading.escrowHistory()) {
            history.add(new EscrowRow(time(entry.time()), shortKey(entry.pseudonym()), entry.memo(),
                    signed(entry.amount())));
        }
        escrowHistory.setAll(history);
        List<TransactionRow> rows = new ArrayList<>();
        for (WalletReading.Activity activity : reading.transactions()) {
            rows.add(new TransactionRow(time(activity.time()), activity.label(), signed(activity.change()),
                    activity.transactionId()));
        }
        transactions.setAll(rows);
        byDay.setAll(byDay(reading));
    }

    /**
     * Real postings grouped by day over the last {@link #CHART_DAYS} days (empty days included): payouts the escrow
     * made to the wallet's payout addresses, and settlements that moved coins from its pseudonyms to relays.
     */
    private List<DayTotal> byDay(WalletReading reading) {
        LocalDate today = LocalDate.now(zone);
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (int back = CHART_DAYS - 1; back >= 0; back--) {
            days.put(today.minusDays(back), new long[2]);
        }
        for (WalletReading.Activity activity : reading.transactions()) {
            long[] day = days.get(LocalDate.ofInstant(activity.time(), zone));
            if (day != null && activity.label().equals("earnings paid out by the escrow")
                    && !activity.change().isNegative()) {
                day[0] = Math.addExact(day[0], activity.change().value());
            }
        }
        for (WalletReading.EscrowEntry entry : reading.escrowHistory()) {
            long[] day = days.get(LocalDate.ofInstant(entry.time(), zone));
            if (day != null && entry.memo().equals("settlement") && entry.amount().isNegative()) {
                day[1] = Math.addExact(day[1], -entry.amount().value());
            }
        }
        List<DayTotal> totals = new ArrayList<>();
        days.forEach((day, sums) -> totals.add(new DayTotal(day, sums[0], sums[1])));
        return totals;
    }

    /** A fresh receive address was handed out. */
    public void receiveAddress(SkycoinAddress address) {
        receiveAddress.set(address.toString());
        receiveQr.set(QrCode.encode(address.toString()));
    }

    /**
     * Checks the withdrawal form; each invalid field gets its reason beside it.
     *
     * @return the withdrawal when both fields are valid
     */
    public Optional<Withdrawal> validateWithdrawal() {
        pending.set(null);
        withdrawPreview.set("");
        SkycoinAddress to = null;
        Droplets amount = null;
        String addressText = withdrawAddress.get() == null ? "" : withdrawAddress.get().trim();
        String amountText = withdrawAmount.get() == null ? "" : withdrawAmount.get().trim();
        try {
            if (addressText.isEmpty()) {
                throw new AddressFormatException("enter a Skycoin address");
            }
            to = SkycoinAddress.parse(addressText);
            addressError.set("");
        } catch (AddressFormatException e) {
            addressError.set("Not a valid address: " + e.getMessage());
        }
        try {
            if (amountText.isEmpty()) {
                throw new IllegalArgumentException("enter an amount in SKY, such as 1.5");
            }
            amount = Droplets.parse(amountText);
            if (amount.value() < 1) {
                throw new IllegalArgumentException("the amount must be more than 0");
            }
            if (onChainDroplets >= 0 && amount.value() > onChainDroplets) {
                throw new IllegalArgumentException("the wallet holds " + Money.sky(onChainDroplets));
            }
            amountError.set("");
        } catch (IllegalArgumentException | ArithmeticException e) {
            amountError.set("Not a valid amount: " + e.getMessage());
            amount = null;
        }
        return to == null || amount == null ? Optional.empty() : Optional.of(new Withdrawal(to, amount));
    }

    /** The exact withdrawal is known: show it, fee included, and wait for the user's confirmation. */
    public void previewed(WithdrawalPreview preview) {
        pending.set(preview);
        withdrawPreview.set("Send " + Money.sky(preview.amount().value()) + " to " + preview.to() + ". Fee: "
                + Money.sky(preview.fee().value()) + ". Leaves the wallet: " + Money.sky(preview.total().value())
                + "; change back to a new address: " + Money.sky(preview.change().value()) + ".");
    }

    /** The confirmed withdrawal was sent. */
    public void withdrawn(WithdrawalPreview sent, String transactionId) {
        pending.set(null);
        withdrawPreview.set("");
        withdrawAddress.set("");
        withdrawAmount.set("");
        message.set("Sent " + Money.sky(sent.amount().value()) + " in transaction " + transactionId);
    }

    /** The user cancelled the previewed withdrawal. */
    public void cancelWithdrawal() {
        pending.set(null);
        withdrawPreview.set("");
    }

    /** Long work started ({@code what}) or ended ({@code null}). */
    public void working(String what) {
        busy.set(what != null);
        if (what != null) {
            message.set(what);
        }
    }

    /** Background work failed: a readable line, never a stack trace. */
    public void failed(String what, Throwable error) {
        busy.set(false);
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        message.set(what + ": " + reason);
    }

    /** The work finished; {@code text} says what it did. */
    public void done(String text) {
        busy.set(false);
        message.set(text);
    }

    static String signed(Droplets amount) {
        long value = amount.value();
        return value < 0 ? "-" + Money.sky(Math.negateExact(value)) : "+" + Money.sky(value);
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    private static String shortKey(String hex) {
        return hex.length() <= 16 ? hex : hex.substring(0, 16) + "…";
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** Whether an unlocked wallet is shown. */
    public BooleanProperty availableProperty() {
        return available;
    }

    public StringProperty onChainProperty() {
        return onChain;
    }

    public StringProperty inEscrowProperty() {
        return inEscrow;
    }

    public StringProperty earnedProperty() {
        return earned;
    }

    /** Where the escrow balance is. */
    public StringProperty inEscrowNoteProperty() {
        return inEscrowNote;
    }

    /** Where the earnings come from, and why nothing waits for settlement. */
    public StringProperty earnedNoteProperty() {
        return earnedNote;
    }

    public ObservableList<PseudonymRow> pseudonyms() {
        return pseudonyms;
    }

    public ObservableList<EscrowRow> escrowHistory() {
        return escrowHistory;
    }

    public ObservableList<TransactionRow> transactions() {
        return transactions;
    }

    /** The last {@link #CHART_DAYS} days, oldest first. */
    public ObservableList<DayTotal> byDay() {
        return byDay;
    }

    public StringProperty receiveAddressProperty() {
        return receiveAddress;
    }

    public ObjectProperty<QrCode> receiveQrProperty() {
        return receiveQr;
    }

    public StringProperty withdrawAddressProperty() {
        return withdrawAddress;
    }

    public StringProperty withdrawAmountProperty() {
        return withdrawAmount;
    }

    public StringProperty addressErrorProperty() {
        return addressError;
    }

    public StringProperty amountErrorProperty() {
        return amountError;
    }

    /** The previewed withdrawal with its exact fee, empty until one is previewed. */
    public StringProperty withdrawPreviewProperty() {
        return withdrawPreview;
    }

    /** The previewed withdrawal awaiting confirmation, or null. */
    public ObjectProperty<WithdrawalPreview> pendingProperty() {
        return pending;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
