package io.skywire.node.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one per-source limiter, in virtual time: bursts, refills, the global share and the bounded table. */
class SourceLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private static int passed(SourceLimiter<String> limiter, String source, long now, int tries) {
        int passed = 0;
        for (int i = 0; i < tries; i++) {
            passed += limiter.allow(source, now) ? 1 : 0;
        }
        return passed;
    }

    @Test
    void oneSourceGetsItsBurstThenItsRate() {
        SourceLimiter<String> limiter = new SourceLimiter<>(5, 10, 1_000, 1_000, 16);
        assertThat(passed(limiter, "a", 0, 100)).isEqualTo(10);
        assertThat(passed(limiter, "a", SECOND / 2, 100)).as("half a second at 5/s").isEqualTo(2);
        assertThat(passed(limiter, "a", 10 * SECOND, 100)).as("refilled to the burst, not beyond").isEqualTo(10);
        assertThat(passed(limiter, "b", 10 * SECOND, 100)).as("another source has its own bucket").isEqualTo(10);
    }

    @Test
    void manySourcesTogetherGetTheGlobalBurstThenTheGlobalRate() {
        SourceLimiter<Integer> limiter = new SourceLimiter<>(5, 10, 100, 400, 10_000);
        int passed = 0;
        for (int i = 0; i < 1_000; i++) {
            passed += limiter.allow(i, 0) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(400);
        passed = 0;
        for (int i = 1_000; i < 2_000; i++) {
            passed += limiter.allow(i, SECOND) ? 1 : 0;
        }
        assertThat(passed).as("one second at 100/s").isEqualTo(100);
    }

    @Test
    void aMessageRefusedByTheGlobalBucketCostsItsSourceNothing() {
        SourceLimiter<String> limiter = new SourceLimiter<>(0.1, 5, 100, 1, 16);
        assertThat(limiter.allow("flood", 0)).isTrue(); // the global bucket is now empty
        assertThat(passed(limiter, "honest", 0, 50)).isZero();
        int later = 0;
        for (int second = 1; second <= 5; second++) {
            later += limiter.allow("honest", second * SECOND) ? 1 : 0; // the global bucket holds one each second
        }
        assertThat(later).as("the 50 refused messages took none of the honest source's burst").isEqualTo(5);
        assertThat(limiter.allow("honest", 5 * SECOND)).isFalse();
    }

    @Test
    void aFullTableForgetsQuietSourcesFirstWithoutLosingTheBusyOnesState() {
        SourceLimiter<String> limiter = new SourceLimiter<>(1, 4, 1_000, 1_000, 3);
        assertThat(passed(limiter, "busy", 0, 10)).isEqualTo(4);
        limiter.allow("quiet-1", 0);
        limiter.allow("quiet-2", 0);
        // At 3 s the quiet ones (one token spent) are full again; busy (four spent) is not.
        assertThat(limiter.allow("new", 3 * SECOND)).isTrue();
        assertThat(limiter.trackedSources()).isEqualTo(2);
        assertThat(passed(limiter, "busy", 3 * SECOND, 10)).as("busy kept its state: 3 tokens back").isEqualTo(3);
    }

    @Test
    void whenNoSourceIsQuietTheLeastRecentlyHeardIsForgottenAndTheNewOneIsStillLimited() {
        SourceLimiter<String> limiter = new SourceLimiter<>(1, 4, 1_000, 1_000, 2);
        assertThat(passed(limiter, "old", 0, 4)).isEqualTo(4);
        assertThat(passed(limiter, "recent", 0, 4)).isEqualTo(4);
        assertThat(passed(limiter, "new", 0, 10)).as("tracked: its own burst, no more").isEqualTo(4);
        assertThat(limiter.trackedSources()).isEqualTo(2);
        assertThat(passed(limiter, "recent", 0, 4)).as("recent was kept, empty").isZero();
        assertThat(passed(limiter, "old", 0, 10)).as("old was forgotten and starts full").isEqualTo(4);
    }

    @Test
    void aFloodOfFreshSourcesNeverGrowsTheTable() {
        SourceLimiter<Integer> limiter = new SourceLimiter<>(1, 2, 50, 50, 64);
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            passed += limiter.allow(i, i * 1_000L) ? 1 : 0;
        }
        assertThat(limiter.trackedSources()).isEqualTo(64);
        assertThat(passed).as("the global burst and 0.1 s at 50/s").isLessThanOrEqualTo(50 + 5 + 1);
    }

    @Test
    void refusesLimitsThatCouldNeverPassAMessage() {
        assertThatThrownBy(() -> new SourceLimiter<String>(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceLimiter<String>(1, 0.5, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceLimiter<String>(1, 1, 1, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceLimiter<String>(1, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
