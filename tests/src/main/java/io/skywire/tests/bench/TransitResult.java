package io.skywire.tests.bench;

/** Application bytes delivered through one transit hop in a measured interval. */
record TransitResult(String label, int messageBytes, long bytes, long nanos) {

    static TransitResult of(String label, int messageBytes, long bytes, long nanos) {
        return new TransitResult(label, messageBytes, bytes, nanos);
    }

    double messagesPerSecond() {
        return bytes / (double) messageBytes / (nanos / 1e9);
    }

    double gigabitsPerSecond() {
        return bytes * 8 / (nanos / 1e9) / 1e9;
    }
}
