package io.skywire.node.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A one-way patterned transfer over a route session: each received byte is checked at its position. */
final class TestTransfer {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int CHUNK = 64 * 1024;
    /** Sends in flight before the sender waits; the futures carry the back-pressure. */
    private static final int WINDOW = 8;

    private final long total;
    private final CompletableFuture<Long> received = new CompletableFuture<>();
    private long position;

    private TestTransfer(long total) {
        this.total = total;
    }

    static byte patternAt(long position) {
        return (byte) (position * 131 + (position >>> 11) * 7 + (position >>> 19));
    }

    /** Checks bytes as the destination receives them; the returned future completes with the byte count. */
    static TestTransfer receiveInto(RouteSession destination, long total) {
        TestTransfer transfer = new TestTransfer(total);
        destination.onReceive(transfer::accept);
        return transfer;
    }

    private void accept(byte[] payload) {
        for (byte b : payload) {
            if (b != patternAt(position)) {
                received.completeExceptionally(new AssertionError("byte " + position + " differs"));
                return;
            }
            position++;
        }
        if (position >= total) {
            received.complete(position);
        }
    }

    CompletableFuture<Long> received() {
        return received;
    }

    /** Writes {@code total} patterned bytes, awaiting back-pressure; returns when the engine took them all. */
    static void send(RouteSession origin, long total) throws Exception {
        CompletableFuture<?>[] inFlight = new CompletableFuture<?>[WINDOW];
        long position = 0;
        int index = 0;
        while (position < total) {
            int length = (int) Math.min(CHUNK, total - position);
            byte[] chunk = new byte[length];
            for (int i = 0; i < length; i++) {
                chunk[i] = patternAt(position + i);
            }
            if (inFlight[index] != null) {
                await(inFlight[index]);
            }
            inFlight[index] = origin.send(chunk);
            index = (index + 1) % WINDOW;
            position += length;
        }
        for (CompletableFuture<?> future : inFlight) {
            if (future != null) {
                await(future);
            }
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return await(future, TIMEOUT);
    }

    static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("not done within " + timeout, e);
        }
    }
}
