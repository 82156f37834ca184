package io.skywire.node.engine;

/** The engine's only source of randomness, injected so that a simulator run is reproducible. */
@FunctionalInterface
public interface EntropySource {

    /** Fills {@code bytes} with random bytes (cryptographically strong outside the simulator). */
    void nextBytes(byte[] bytes);
}
