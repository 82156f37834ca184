package io.skywire.app.ui;

import io.skywire.app.wallet.UserWallet;
import io.skywire.app.wallet.WalletReading;
import io.skywire.wallet.chain.WithdrawalPreview;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet screen's long work, off the FX thread: reading the wallet, handing out a receive address, previewing
 * and sending a withdrawal. Each runs on one worker thread (so wallet work never overlaps) and hands its result, or a
 * readable error, to the {@link WalletViewModel} through {@code fx} (the window passes {@code Platform::runLater};
 * tests run it directly).
 */
public final class WalletActions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalletActions.class);

    private final UserWallet wallet;
    private final WalletViewModel model;
    private final Consumer<Runnable> fx;
    private final java.util.concurrent.atomic.AtomicBoolean refreshWaiting =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "skywire-wallet");
        thread.setDaemon(true);
        return thread;
    });

    public WalletActions(UserWallet wallet, WalletViewModel model, Consumer<Runnable> fx) {
        this.wallet = wallet;
        this.model = model;
        this.fx = fx;
    }

    /**
     * Reads the wallet again (balances, pseudonyms, history) without showing progress: for settlement rounds, which
     * arrive one per relay, so a read already waiting covers the ones that follow.
     */
    public void refreshQuietly() {
        if (refreshWaiting.compareAndSet(false, true)) {
            run(null, "Reading the wallet failed", () -> {
                refreshWaiting.set(false);
                return wallet.read();
            }, model::accept);
        }
    }

    /** Reads the wallet again, showing progress. */
    public void refresh() {
        run("Reading the wallet…", "Reading the wallet failed", wallet::read, reading -> {
            model.accept(reading);
            model.done("Wallet read.");
        });
    }

    /** Hands out a never-used receive address. */
    public void newReceiveAddress() {
        run("Handing out a new address…", "No new address", wallet::receiveAddress, address -> {
            model.receiveAddress(address);
            model.done("A new address to receive on; it is never handed out again.");
        });
    }

    /** Validates the form and, when valid, asks the wallet for the exact withdrawal, fee included. */
    public void preview() {
        model.validateWithdrawal().ifPresent(withdrawal -> run("Working out the fee…", "Cannot withdraw",
                () -> wallet.preview(withdrawal.to(), withdrawal.amount()), preview -> {
                    model.previewed(preview);
                    model.done("Check the fee, then confirm.");
                }));
    }

    /** Sends the previewed withdrawal the user confirmed, then reads the wallet again. */
    public void confirm() {
        WithdrawalPreview confirmed = model.pendingProperty().get();
        if (confirmed == null) {
            return;
        }
        run("Sending…", "The withdrawal failed", () -> {
            String id = wallet.withdraw(confirmed);
            return new Sent(id, wallet.read());
        }, sent -> {
            model.withdrawn(confirmed, sent.id());
            model.accept(sent.reading());
            model.busyProperty().set(false);
        });
    }

    private record Sent(String id, WalletReading reading) {
    }

    private <T> void run(String progress, String failure, Callable<T> work, Consumer<T> then) {
        if (progress != null) {
            model.working(progress);
        }
        try {
            worker.execute(() -> {
                try {
                    T result = work.call();
                    fx.accept(() -> then.accept(result));
                } catch (Exception e) {
                    LOG.warn("{}: {}", failure, e.toString());
                    fx.accept(() -> model.failed(failure, e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("wallet work after close ignored");
        }
    }

    /** Stops the worker; work under way finishes, its result is dropped. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
