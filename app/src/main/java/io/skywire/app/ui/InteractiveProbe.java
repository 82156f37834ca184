package io.skywire.app.ui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when the window has become interactive, by asking the FX thread rather than guessing: from its own thread it
 * posts an empty task to the FX thread ({@code Platform.runLater}, the queue a click waits in too) every few
 * milliseconds and times how long each waits to run. The window counts as interactive at the first of {@link
 * #IN_A_ROW} probes in a row that each ran within one pulse ({@link #PULSE_NANOS}, 1/60 s) of being posted: from
 * then on a click on a tab is handled before the next frame. Started once the window's first frame has been
 * rendered; it logs "window interactive" (the launch-time benchmark waits for that line) and stops, or gives up
 * after {@link #GIVE_UP_SECONDS}. A busy FX thread (screens loading, the network's results being applied) resets the
 * count, so the line is not written while the thread is still catching up.
 */
final class InteractiveProbe {

    private static final Logger LOG = LoggerFactory.getLogger(InteractiveProbe.class);

    /** One frame at JavaFX's pulse rate (60 per second). */
    static final long PULSE_NANOS = TimeUnit.SECONDS.toNanos(1) / 60;
    /** Answers within a pulse needed in a row. */
    static final int IN_A_ROW = 5;
    static final int GIVE_UP_SECONDS = 120;
    private static final long PAUSE_MILLIS = 5;

    private final Consumer<Runnable> fx;
    private volatile boolean stopped;

    /** Probes through {@code fx} (the FX thread's runLater). */
    InteractiveProbe(Consumer<Runnable> fx) {
        this.fx = fx;
    }

    /** Starts probing on a daemon thread; {@code interactive} then runs on that thread with the probes' result. */
    void start(Consumer<Result> interactive) {
        Thread thread = new Thread(() -> {
            try {
                Result result = probe();
                if (result != null) {
                    interactive.accept(result);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "skywire-gui-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops probing (the window closed). */
    void stop() {
        stopped = true;
    }

    /** Probes until {@link #IN_A_ROW} answers in a row came within a pulse; null when stopped or given up. */
    Result probe() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        int inARow = 0;
        int probes = 0;
        long firstOfRow = 0;
        long slowest = 0;
        while (!stopped && System.nanoTime() < giveUp) {
            CountDownLatch answered = new CountDownLatch(1);
            long posted = System.nanoTime();
            fx.accept(answered::countDown);
            if (!answered.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
                return null;
            }
            long waited = System.nanoTime() - posted;
            probes++;
            if (waited <= PULSE_NANOS) {
                if (inARow++ == 0) {
                    firstOfRow = posted;
                }
                slowest = Math.max(slowest, waited);
                if (inARow == IN_A_ROW) {
                    return new Result(firstOfRow, probes, slowest);
                }
            } else {
                inARow = 0;
                slowest = 0;
            }
            Thread.sleep(PAUSE_MILLIS);
        }
        return null;
    }

    /**
     * The probes' outcome.
     *
     * @param since    {@link System#nanoTime()} when the first of the prompt answers in a row was posted
     * @param probes   probes posted in all (the slow ones before included)
     * @param slowest  the slowest of the prompt answers, in nanoseconds
     */
    record Result(long since, int probes, long slowest) {
    }

    /** Logs the result as the line the launch-time benchmark looks for. */
    static void log(Result result) {
        LOG.info("window interactive: the FX thread answered {} probes in a row within a pulse (slowest {} µs; "
                + "{} probes in all)", IN_A_ROW, TimeUnit.NANOSECONDS.toMicros(result.slowest()), result.probes());
    }
}
