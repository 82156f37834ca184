package io.skywire.app.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the embedded node (a {@link NodeSample}, or any other reading such as the route map's) once a second on a thread of its own (reading waits on the node's and the proxy's event
 * loops, which the FX thread must never do) and hands each {@link NodeSample} to a publisher, which moves it to the
 * FX thread. A failed reading is logged and skipped; the next second tries again. A reading that fails because its
 * source has been closed (the network stopping under it, as in a shutdown) is not a fault: the monitor stops quietly.
 */
public final class NodeMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeMonitor.class);

    private final ScheduledExecutorService timer;

    private NodeMonitor(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts reading {@code source} every {@code periodMillis}, the first reading at once. */
    public static <T> NodeMonitor start(Supplier<T> source, Consumer<T> publisher, long periodMillis) {
        return start(source, publisher, periodMillis, () -> false);
    }

    /**
     * As {@link #start(Supplier, Consumer, long)}; once {@code sourceClosed} says the source is closed, a failed
     * reading stops the monitor with a debug line instead of a warning.
     */
    public static <T> NodeMonitor start(Supplier<T> source, Consumer<T> publisher, long periodMillis,
                                        java.util.function.BooleanSupplier sourceClosed) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "skywire-ui-monitor");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                publisher.accept(source.get());
            } catch (RuntimeException e) {
                if (sourceClosed.getAsBoolean()) {
                    LOG.debug("the node is closed; the monitor stops: {}", e.toString());
                    throw new java.util.concurrent.CancellationException("source closed"); // ends the schedule
                }
                LOG.warn("reading the node failed: {}", e.toString());
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
        return new NodeMonitor(timer);
    }

    /** Stops reading and waits for a reading in progress to end. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the node monitor did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
