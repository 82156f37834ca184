package io.skywire.node.discovery;

/** Names a lookup started by the application, so its {@link LookupResult} can be matched to it. */
public record LookupHandle(int id) {
}
