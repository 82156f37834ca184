package io.skywire.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issue 9, shown in the simulator: 500 nodes, 50 following one key; the entry reaches all, a forgery none. */
class SyncScenarioTest {

    private static final Logger LOG = LoggerFactory.getLogger(SyncScenarioTest.class);

    @Test
    void anAppendedEntryReachesEveryFollowerVerifiedAndAForgedOneReachesNone() {
        SyncScenario.Result result = new SyncScenario().run(new SyncScenario.Params(500, 50, 2, 1, 7));
        LOG.info("sync: {}", result.toJson());
        assertThat(result.converged()).isTrue();
        assertThat(result.rounds()).isBetween(1, 20);
        assertThat(result.allVerified()).isTrue();
        assertThat(result.forgedHeld()).isZero();
        assertThat(result.forgersReported()).isPositive();
        assertThat(result.providersFoundMin()).isPositive();
    }

    @Test
    void aLongerLogSyncsInBatchesAndTheSameSeedGivesTheSameJson() {
        SyncScenario.Params params = new SyncScenario.Params(120, 12, 1, 40, 3);
        SyncScenario.Result first = new SyncScenario().run(params);
        assertThat(first.converged()).isTrue();
        assertThat(first.allVerified()).isTrue();
        assertThat(first.forgedHeld()).isZero();
        assertThat(new SyncScenario().run(params).toJson()).isEqualTo(first.toJson());
    }
}
