package io.skywire.node.link;

import java.time.Duration;
import java.util.Objects;

/**
 * When a link rotates its keys and how long it tolerates a slow peer.
 *
 * @param rotationInterval   offer a new send key after this long under one key
 * @param rekeyAfterFrames   offer a new send key after this many frames under one key
 * @param maxFramesPerKey    hard limit of frames under one key; never exceeded, at most 2^16
 * @param retransmitInterval resend an unanswered rekey offer after this long (datagram links lose them)
 * @param previousKeyGrace   keep the previous receive key this long after the peer switched, for late frames
 */
public record RekeyPolicy(Duration rotationInterval, int rekeyAfterFrames, int maxFramesPerKey,
                          Duration retransmitInterval, Duration previousKeyGrace) {

    /** The hard ceiling the design sets for frames under one key. */
    public static final int FRAME_LIMIT = 1 << 16;
    /** Frames at the end of each key kept for rekey control frames, so a stalled rekey can still complete. */
    public static final int CONTROL_RESERVE = 64;

    /** The defaults: rotate every second or every 2^15 frames, hard stop at 2^16 frames. */
    public static final RekeyPolicy DEFAULT = new RekeyPolicy(Duration.ofSeconds(1), 1 << 15, FRAME_LIMIT,
            Duration.ofMillis(250), Duration.ofSeconds(2));

    public RekeyPolicy {
        Objects.requireNonNull(rotationInterval, "rotationInterval");
        Objects.requireNonNull(retransmitInterval, "retransmitInterval");
        Objects.requireNonNull(previousKeyGrace, "previousKeyGrace");
        if (rotationInterval.isNegative() || rotationInterval.isZero()) {
            throw new IllegalArgumentException("rotationInterval must be positive");
        }
        if (maxFramesPerKey > FRAME_LIMIT || maxFramesPerKey <= 2 * CONTROL_RESERVE) {
            throw new IllegalArgumentException("maxFramesPerKey must be in (" + 2 * CONTROL_RESERVE + ", "
                    + FRAME_LIMIT + "], was " + maxFramesPerKey);
        }
        if (rekeyAfterFrames < 1 || rekeyAfterFrames > maxFramesPerKey - 2 * CONTROL_RESERVE) {
            throw new IllegalArgumentException("rekeyAfterFrames must leave headroom below maxFramesPerKey");
        }
    }

    /** A copy with another rotation interval. */
    public RekeyPolicy withRotationInterval(Duration interval) {
        return new RekeyPolicy(interval, rekeyAfterFrames, maxFramesPerKey, retransmitInterval, previousKeyGrace);
    }

    /** A copy with other frame thresholds. */
    public RekeyPolicy withFrameLimits(int rekeyAfter, int maxPerKey) {
        return new RekeyPolicy(rotationInterval, rekeyAfter, maxPerKey, retransmitInterval, previousKeyGrace);
    }
}
