package io.skywire.node.link;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How a stream link is run: handshake profile and timeout, frame size limit, rekey policy, and the sources
 * of randomness and monotonic time the Netty driver feeds to the sans-I/O engine.
 *
 * @param profile          handshake protocol name and prologue
 * @param maxFrameLength   largest frame accepted after the 2-byte length prefix (at most 65535)
 * @param handshakeTimeout the link closes if the three acts have not completed in this time
 * @param rekeyPolicy      key rotation policy
 * @param ephemeralKeys    source of ephemeral secret keys
 * @param nanoClock        monotonic nanoseconds, read only by the Netty driver
 */
public record LinkSettings(NoiseProfile profile, int maxFrameLength, Duration handshakeTimeout,
                           RekeyPolicy rekeyPolicy, EphemeralKeySource ephemeralKeys, LongSupplier nanoClock) {

    /** Largest value the 2-byte length prefix can carry. */
    public static final int LENGTH_PREFIX_LIMIT = 0xFFFF;
    /** Default maximum frame length: 16 KiB of payload plus the frame overhead. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 + TransportFrame.OVERHEAD;

    public LinkSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(rekeyPolicy, "rekeyPolicy");
        Objects.requireNonNull(ephemeralKeys, "ephemeralKeys");
        Objects.requireNonNull(nanoClock, "nanoClock");
        if (maxFrameLength < HandshakeActs.ACT_THREE_BYTES || maxFrameLength > LENGTH_PREFIX_LIMIT) {
            throw new IllegalArgumentException("maxFrameLength must be in [" + HandshakeActs.ACT_THREE_BYTES + ", "
                    + LENGTH_PREFIX_LIMIT + "], was " + maxFrameLength);
        }
    }

    /** Production defaults: Skywire profile, 16 KiB payloads, 10 s handshake, default rekey policy. */
    public static LinkSettings defaults() {
        return new LinkSettings(NoiseProfile.SKYWIRE_LINK_V1, DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(10),
                RekeyPolicy.DEFAULT, EphemeralKeySource.secure(), System::nanoTime);
    }

    /** A copy with another rekey policy. */
    public LinkSettings withRekeyPolicy(RekeyPolicy policy) {
        return new LinkSettings(profile, maxFrameLength, handshakeTimeout, policy, ephemeralKeys, nanoClock);
    }

    /** A copy with another handshake timeout. */
    public LinkSettings withHandshakeTimeout(Duration timeout) {
        return new LinkSettings(profile, maxFrameLength, timeout, rekeyPolicy, ephemeralKeys, nanoClock);
    }

    /** A copy with another clock and key source, for deterministic tests. */
    public LinkSettings withSources(EphemeralKeySource keys, LongSupplier clock) {
        return new LinkSettings(profile, maxFrameLength, handshakeTimeout, rekeyPolicy, keys, clock);
    }

    /** Largest application payload one frame can carry. */
    public int maxPayload() {
        return maxFrameLength - TransportFrame.OVERHEAD;
    }
}
