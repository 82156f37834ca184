package io.skywire.node.runtime;

import java.util.SplittableRandom;

/** Decides, from a seed, which datagrams the UDP driver drops on purpose (see {@link UdpFaults}). */
final class FaultShim {

    private final UdpFaults faults;
    private final SplittableRandom random;

    FaultShim(UdpFaults faults) {
        this.faults = faults;
        this.random = new SplittableRandom(faults.seed());
    }

    boolean dropOnSend() {
        return faults.dropOnSend() > 0 && random.nextDouble() < faults.dropOnSend();
    }

    boolean dropOnReceive() {
        return faults.dropOnReceive() > 0 && random.nextDouble() < faults.dropOnReceive();
    }

    long delayNanos() {
        return faults.delayMillis() * 1_000_000L;
    }
}
