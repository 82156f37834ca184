package io.skywire.app.ui;

import io.skywire.app.settings.DesktopSettings;
import io.skywire.app.settings.DesktopSettingsFile;
import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletCreation;
import io.skywire.app.wallet.WalletFiles;
import io.skywire.wallet.seed.Mnemonic;
import io.skywire.wallet.seed.MnemonicException;
import io.skywire.wallet.seed.ScryptParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-run wizard as plain properties and steps: create a wallet (its 12 words shown, then three of them, chosen
 * at random, typed back) or restore one (the words checked, a bad checksum explained), a password typed twice, and
 * what to share (the settings form's sharing fields). Nothing is written until the last step: then {@code
 * desktop.conf} and the wallet (scrypt, seconds of work, on the {@code background} executor) are written, and a
 * failure removes both, so cancelling or failing leaves the data directory as it was. Results come back on the
 * {@code ui} executor ({@code Platform::runLater} in the app; the test thread in tests).
 */
public final class WizardViewModel {

    /** The wizard's pages, in the order a person meets them. */
    public enum Step {
        CHOOSE,
        SHOW_WORDS,
        CONFIRM_WORDS,
        ENTER_WORDS,
        PASSWORD,
        SHARING,
        CREATING,
        DONE
    }

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** Words typed back to prove the mnemonic was written down. */
    public static final int CONFIRMED_WORDS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(WizardViewModel.class);

    private final Path dataDir;
    private final ScryptParameters scrypt;
    private final Random random;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.CHOOSE);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper words = new ReadOnlyStringWrapper("");
    private final List<Integer> askedPositions = new ArrayList<>();
    private final List<StringProperty> confirmations = new ArrayList<>();
    private final StringProperty restoreText = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty passwordAgain = new SimpleStringProperty("");
    private final ObjectProperty<String> progress = new SimpleObjectProperty<>("");
    private final SettingsViewModel sharing;
    private final CompletableFuture<Boolean> finished = new CompletableFuture<>();
    private Mnemonic mnemonic;
    private volatile UserWallet createdWallet;
    private boolean restoring;

    /**
     * A wizard that writes into {@code dataDir}.
     *
     * @param random     chooses the words to confirm (tests inject a seeded one)
     * @param background runs the wallet's creation
     * @param ui         receives its outcome
     */
    public WizardViewModel(Path dataDir, ScryptParameters scrypt, Random random, Executor background, Executor ui) {
        this.dataDir = dataDir;
        this.scrypt = scrypt;
        this.random = random;
        this.background = background;
        this.ui = ui;
        this.sharing = new SettingsViewModel(DesktopSettings.defaults(), null);
        for (int i = 0; i < CONFIRMED_WORDS; i++) {
            confirmations.add(new SimpleStringProperty(""));
        }
    }

    /** Create a new wallet: a fresh mnemonic, shown on the next page. */
    public void chooseCreate() {
        restoring = false;
        mnemonic = Mnemonic.generate(new SecureRandom());
        words.set(mnemonic.text());
        List<Integer> positions = new ArrayList<>();
        for (int i = 1; i <= Mnemonic.WORDS; i++) {
            positions.add(i);
        }
        Collections.shuffle(positions, random);
        askedPositions.clear();
        askedPositions.addAll(positions.subList(0, CONFIRMED_WORDS).stream().sorted().toList());
        confirmations.forEach(field -> field.set(""));
        go(Step.SHOW_WORDS);
    }

    /** Restore a wallet from its words, entered on the next page. */
    public void chooseRestore() {
        restoring = true;
        mnemonic = null;
        words.set("");
        go(Step.ENTER_WORDS);
    }

    /**
     * Checks the page and moves to the next one; a problem stays on the page in {@link #errorProperty()}.
     *
     * @return whether the wizard moved on
     */
    public boolean next() {
        String problem = switch (step.get()) {
            case SHOW_WORDS -> null;
            case CONFIRM_WORDS -> checkConfirmation();
            case ENTER_WORDS -> checkRestore();
            case PASSWORD -> checkPassword();
            case SHARING -> sharing.settings() == null ? "correct the fields marked in red first" : null;
            default -> "nothing to continue to";
        };
        if (problem != null) {
            error.set(problem);
            return false;
        }
        switch (step.get()) {
            case SHOW_WORDS -> go(Step.CONFIRM_WORDS);
            case CONFIRM_WORDS, ENTER_WORDS -> go(Step.PASSWORD);
            case PASSWORD -> go(Step.SHARING);
            case SHARING -> create();
            default -> throw new IllegalStateException("no next page after " + step.get());
        }
        return true;
    }

    /** The previous page (not while creating or once done). */
    public void back() {
        switch (step.get()) {
            case SHOW_WORDS, ENTER_WORDS -> go(Step.CHOOSE);
            case CONFIRM_WORDS -> go(Step.SHOW_WORDS);
            case PASSWORD -> go(restoring ? Step.ENTER_WORDS : Step.CONFIRM_WORDS);
            case SHARING -> go(Step.PASSWORD);
            default -> { }
        }
    }

    /** Whether {@link #cancel()} is allowed now: anywhere but while the files are being written. */
    public boolean canCancel() {
        return step.get() != Step.CREATING && step.get() != Step.DONE;
    }

    /** Gives up: nothing has been written, and the words are forgotten. */
    public void cancel() {
        if (!canCancel()) {
            return;
        }
        forget();
        finished.complete(false);
    }

    private String checkConfirmation() {
        for (int i = 0; i < CONFIRMED_WORDS; i++) {
            int position = askedPositions.get(i);
            String typed = confirmations.get(i).get().strip().toLowerCase(Locale.ROOT);
            if (!typed.equals(mnemonic.words().get(position - 1))) {
                return "word " + position + " is not the word shown: check what you wrote down, or go back to see "
                        + "the words again";
            }
        }
        return null;
    }

    private String checkRestore() {
        try {
            mnemonic = Mnemonic.parse(restoreText.get().strip().toLowerCase(Locale.ROOT));
            return null;
        } catch (MnemonicException e) {
            return switch (e.reason()) {
                case WORD_COUNT -> "a mnemonic has exactly " + Mnemonic.WORDS + " words: " + e.getMessage();
                case UNKNOWN_WORD -> "word " + e.position() + " is not in the BIP39 English word list: "
                        + e.getMessage();
                case CHECKSUM -> "the words do not add up: their last word carries a checksum of the others, so a "
                        + "word is misspelt, swapped or missing (" + e.getMessage() + ")";
            };
        }
    }

    private String checkPassword() {
        String typed = password.get();
        if (typed.length() < MIN_PASSWORD_LENGTH) {
            return "the password needs at least " + MIN_PASSWORD_LENGTH + " characters: it seals the wallet's seed on "
                    + "this computer, so anyone with the file and a short password could open it";
        }
        if (!typed.equals(passwordAgain.get())) {
            return "the two passwords differ";
        }
        return null;
    }

    private void create() {
        DesktopSettings settings = sharing.settings();
        Mnemonic chosen = mnemonic;
        char[] secret = password.get().toCharArray();
        boolean restore = restoring;
        go(Step.CREATING);
        progress.set(restore ? "Sealing the seed and looking for the wallet's addresses on the chain…"
                : "Sealing the seed with your password (this takes a few seconds)…");
        background.execute(() -> {
            Outcome outcome = write(settings, chosen, secret, restore);
            ui.execute(() -> created(outcome));
        });
    }

    /** Writes desktop.conf, then the wallet (the seed file last: its presence marks a finished first run). */
    private Outcome write(DesktopSettings settings, Mnemonic chosen, char[] secret, boolean restore) {
        Path settingsFile = DesktopSettingsFile.in(dataDir);
        boolean hadSettings = Files.exists(settingsFile);
        try {
            WalletCreation.refuseExisting(dataDir);
            DesktopSettingsFile.write(settingsFile, settings);
            WalletCreation.Created created = WalletCreation.create(dataDir, chosen, secret, scrypt, restore);
            return new Outcome(null, created.usedAddresses(), open(chosen));
        } catch (IOException | RuntimeException e) {
            if (!hadSettings) {
                try {
                    Files.deleteIfExists(settingsFile);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            String reason = e instanceof java.nio.file.FileAlreadyExistsException exists && exists.getReason() != null
                    ? exists.getReason() : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(reason, 0, null);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /** The wallet just written, opened for the window (null, and logged, when it cannot be: then the window asks). */
    private UserWallet open(Mnemonic chosen) {
        try {
            return UserWallet.created(new WalletFiles(dataDir), chosen);
        } catch (RuntimeException e) {
            LOG.warn("created the wallet in {} but cannot open it: {}", dataDir, e.toString());
            return null;
        }
    }

    /** How writing ended: {@code failure} is null on success, {@code wallet} the opened wallet then. */
    private record Outcome(String failure, int usedAddresses, UserWallet wallet) {
    }

    private void created(Outcome outcome) {
        if (outcome.failure() != null) {
            progress.set("");
            error.set("Nothing was written: " + outcome.failure());
            go(Step.SHARING, false);
            return;
        }
        progress.set(restoring ? "Restored the wallet; " + outcome.usedAddresses() + " used addresses found."
                : "Created the wallet.");
        createdWallet = outcome.wallet();
        forget();
        go(Step.DONE);
        finished.complete(true);
    }

    private void forget() {
        mnemonic = null;
        words.set("");
        password.set("");
        passwordAgain.set("");
        restoreText.set("");
        confirmations.forEach(field -> field.set(""));
    }

    private void go(Step next) {
        go(next, true);
    }

    private void go(Step next, boolean clearError) {
        if (clearError) {
            error.set("");
        }
        step.set(next);
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Why the page cannot be left yet, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The new wallet's words while the wizard runs; "" once it is done or cancelled. */
    public ReadOnlyStringProperty wordsProperty() {
        return words.getReadOnlyProperty();
    }

    /** The 1-based positions of the words to type back, ascending. */
    public List<Integer> askedPositions() {
        return List.copyOf(askedPositions);
    }

    /** What was typed for the {@code i}-th asked word. */
    public StringProperty confirmationProperty(int i) {
        return confirmations.get(i);
    }

    public StringProperty restoreTextProperty() {
        return restoreText;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty passwordAgainProperty() {
        return passwordAgain;
    }

    /** What the creating page says. */
    public ObjectProperty<String> progressProperty() {
        return progress;
    }

    /** The sharing page's fields. */
    public SettingsViewModel sharing() {
        return sharing;
    }

    /** Completes with true once the wallet and settings are written, false when cancelled. */
    /**
     * Once {@link #finished()} completed with true: the new wallet, already unlocked (the password was just typed, so
     * the window does not ask again); the caller owns and closes it. Null when taken before or when it could not be
     * opened. Hands it out once.
     */
    public UserWallet takeWallet() {
        UserWallet wallet = createdWallet;
        createdWallet = null;
        return wallet;
    }

    public CompletableFuture<Boolean> finished() {
        return finished;
    }

    /** The data directory written to. */
    public Path dataDir() {
        return dataDir;
    }
}
