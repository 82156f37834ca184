package io.skywire.node.engine;

/** A 128-bit route id as it appears on one link; each hop chooses the ids its neighbours use to reach it. */
public record RouteId(long hi, long lo) {

    /** Wire length in bytes. */
    public static final int BYTES = 16;

    @Override
    public String toString() {
        return String.format("%016x%016x", hi, lo);
    }
}
