package io.skywire.app.ui.map;

/**
 * An undirected link between two nodes, both ends' ids in order, so the same link read from either end is equal.
 *
 * @param a the smaller id
 * @param b the larger id
 */
public record MapLink(String a, String b) {

    public MapLink {
        if (a.compareTo(b) >= 0) {
            throw new IllegalArgumentException("a link's ends must be distinct and ordered: " + a + ", " + b);
        }
    }

    /** The link between {@code x} and {@code y} in either order. */
    public static MapLink between(String x, String y) {
        return x.compareTo(y) < 0 ? new MapLink(x, y) : new MapLink(y, x);
    }
}
