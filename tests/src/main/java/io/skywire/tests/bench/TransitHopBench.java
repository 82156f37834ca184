package io.skywire.tests.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Scenario runner: one Skywire transit hop on loopback against a plain Netty UDP relay, measured in the same run,
 * with 1,400-byte messages. Prints messages/s, Gb/s of application payload, and the ratio.
 *
 * <p>Usage: {@code TransitHopBench [seconds]} (measured seconds per side, after a warm-up of the same length).
 */
public final class TransitHopBench {

    private static final int MESSAGE_BYTES = 1400;

    private TransitHopBench() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        long millis = seconds * 1000;
        TransitResult plain;
        try (PlainUdpRelay relay = new PlainUdpRelay()) {
            plain = relay.run(MESSAGE_BYTES, millis, millis);
        }
        TransitResult skywire;
        try (SkywireTransitHop hop = new SkywireTransitHop()) {
            skywire = hop.run(MESSAGE_BYTES, millis, millis);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "%nOne transit hop on loopback, %d-byte messages, Java %s, %d cores%n", MESSAGE_BYTES,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-64s %12s %8s%n", "relay", "messages/s", "Gb/s");
        for (TransitResult result : List.of(plain, skywire)) {
            out.printf(Locale.ROOT, "%-64s %12.0f %8.3f%n", result.label(), result.messagesPerSecond(),
                    result.gigabitsPerSecond());
        }
        out.printf(Locale.ROOT, "ratio Skywire / plain relay: %.3f%n",
                skywire.messagesPerSecond() / plain.messagesPerSecond());
    }
}
