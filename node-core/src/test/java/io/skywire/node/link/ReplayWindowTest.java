package io.skywire.node.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void acceptsEachCounterOnceInAnyOrderWithinTheWindow() {
        ReplayWindow window = new ReplayWindow();
        long[] order = {5, 0, 3, 1, 2, 4, 1000, 6, 999};
        for (long counter : order) {
            assertThat(window.check(counter)).isEqualTo(ReplayWindow.Verdict.FRESH);
            window.mark(counter);
        }
        for (long counter : order) {
            assertThat(window.check(counter)).isEqualTo(ReplayWindow.Verdict.REPLAYED);
        }
        assertThat(window.check(7)).isEqualTo(ReplayWindow.Verdict.FRESH);
    }

    @Test
    void refusesCountersThatFellOutOfTheWindow() {
        ReplayWindow window = new ReplayWindow();
        window.mark(10);
        window.mark(10 + ReplayWindow.SIZE);
        assertThat(window.check(10)).isEqualTo(ReplayWindow.Verdict.TOO_OLD);
        assertThat(window.check(11)).isEqualTo(ReplayWindow.Verdict.FRESH);
        assertThat(window.check(10 + ReplayWindow.SIZE)).isEqualTo(ReplayWindow.Verdict.REPLAYED);
    }

    @Test
    void slotsReusedByTheRingStartClear() {
        ReplayWindow window = new ReplayWindow();
        window.mark(3);
        window.mark(3 + ReplayWindow.SIZE - 1);
        // Counter 3 + SIZE reuses counter 3's slot; it must be fresh, and 3 itself now too old.
        assertThat(window.check(3 + ReplayWindow.SIZE)).isEqualTo(ReplayWindow.Verdict.FRESH);
        window.mark(3 + ReplayWindow.SIZE);
        assertThat(window.check(3)).isEqualTo(ReplayWindow.Verdict.TOO_OLD);
        assertThat(window.check(4 + ReplayWindow.SIZE)).isEqualTo(ReplayWindow.Verdict.FRESH);
    }

    @Test
    void largeJumpClearsEverything() {
        ReplayWindow window = new ReplayWindow();
        for (long c = 0; c < 100; c++) {
            window.mark(c);
        }
        window.mark(50_000);
        assertThat(window.check(50_000 - 1)).isEqualTo(ReplayWindow.Verdict.FRESH);
        assertThat(window.check(50_000 - ReplayWindow.SIZE + 1)).isEqualTo(ReplayWindow.Verdict.FRESH);
        assertThat(window.check(99)).isEqualTo(ReplayWindow.Verdict.TOO_OLD);
    }
}
