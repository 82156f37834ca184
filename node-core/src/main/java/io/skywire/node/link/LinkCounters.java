package io.skywire.node.link;

/**
 * A snapshot of one link's transport counters.
 *
 * @param framesSealed    frames sealed, data and control
 * @param framesOpened    frames authenticated and accepted
 * @param sendEpoch       the current send key epoch
 * @param receiveEpoch    the current receive key epoch
 * @param replayed        frames refused as duplicates
 * @param tooOld          frames refused as older than the replay window
 * @param badTag          frames whose tag did not verify
 * @param unknownEpoch    frames for a key no longer (or not yet) held
 * @param otherRejected   frames refused for any other reason (truncated, bad counter, malformed control)
 */
public record LinkCounters(long framesSealed, long framesOpened, long sendEpoch, long receiveEpoch,
                           long replayed, long tooOld, long badTag, long unknownEpoch, long otherRejected) {
}
