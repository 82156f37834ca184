package io.skywire.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The monitor over a source that fails: a failure of a source still open is a warning and the readings go on; once
 * the source says it is closed (a network stopping under the window), a failed reading stops the monitor quietly.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NodeMonitorTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(NodeMonitor.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    @Test
    void aFailureOfAnOpenSourceIsAWarningAndTheReadingsGoOn() throws Exception {
        AtomicInteger readings = new AtomicInteger();
        try (NodeMonitor monitor = NodeMonitor.start(() -> {
            readings.incrementAndGet();
            throw new IllegalStateException("busy");
        }, value -> { }, 10, () -> false)) {
            FxTesting.until(10, () -> readings.get() >= 3);
        }
        assertThat(warnings()).contains("reading the node failed: java.lang.IllegalStateException: busy");
    }

    @Test
    void aClosedSourceStopsTheMonitorWithoutAWarning() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        CopyOnWriteArrayList<Integer> published = new CopyOnWriteArrayList<>();
        try (NodeMonitor monitor = NodeMonitor.start(() -> {
            if (closed.get()) {
                failures.incrementAndGet();
                throw new RejectedExecutionException("event loop terminated");
            }
            return published.size();
        }, published::add, 10, closed::get)) {
            FxTesting.until(10, () -> published.size() >= 2);
            closed.set(true);
            FxTesting.until(10, () -> failures.get() >= 1);
            Thread.sleep(200); // twenty periods: a monitor still reading would read again
            assertThat(failures.get()).as("no reading after the one that found the source closed").isEqualTo(1);
        }
        assertThat(warnings()).isEmpty();
    }

    private java.util.List<String> warnings() {
        return logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
