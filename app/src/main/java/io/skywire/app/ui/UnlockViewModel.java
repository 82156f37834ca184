package io.skywire.app.ui;

import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletFiles;
import io.skywire.wallet.seed.WrongPasswordException;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unlock dialog's state: each attempt opens the wallet off the FX thread (scrypt takes a moment); a wrong
 * password leaves a message for the field and the dialog open, the right one completes {@link #result()} with the
 * wallet. "Not now" completes it with null, and the app runs without the wallet.
 */
public final class UnlockViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(UnlockViewModel.class);

    /** The error a wrong password leaves. */
    public static final String WRONG_PASSWORD = "Wrong password. Try again.";

    private final WalletFiles files;
    private final Consumer<Runnable> fx;
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final CompletableFuture<UserWallet> result = new CompletableFuture<>();

    /** Unlocks the wallet in {@code files}; results are applied through {@code fx} (the FX thread's runLater). */
    public UnlockViewModel(WalletFiles files, Consumer<Runnable> fx) {
        this.files = files;
        this.fx = fx;
    }

    /** Tries {@code password} in the background; the array is wiped afterwards. */
    public void attempt(char[] password) {
        if (busy.get() || result.isDone()) {
            return;
        }
        if (password.length == 0) {
            error.set("Enter the wallet's password.");
            return;
        }
        busy.set(true);
        error.set("");
        Thread thread = new Thread(() -> {
            try {
                UserWallet wallet = UserWallet.unlock(files, password);
                fx.accept(() -> {
                    busy.set(false);
                    result.complete(wallet);
                });
            } catch (WrongPasswordException e) {
                fx.accept(() -> failed(WRONG_PASSWORD));
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot open the wallet in {}: {}", files.dataDir(), e.toString());
                fx.accept(() -> failed("Cannot open the wallet: " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage())));
            } finally {
                Arrays.fill(password, '\0');
            }
        }, "skywire-unlock");
        thread.setDaemon(true);
        thread.start();
    }

    private void failed(String message) {
        busy.set(false);
        error.set(message);
    }

    /** The user goes on without the wallet. */
    public void skip() {
        if (!busy.get()) {
            result.complete(null);
        }
    }

    /** Where the wallet is, for the dialog's text. */
    public String where() {
        return "The wallet in " + files.dataDir() + " is sealed with your password.";
    }

    public StringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Completes with the unlocked wallet, or null when the user went on without it. */
    public CompletableFuture<UserWallet> result() {
        return result;
    }
}
