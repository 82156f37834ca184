package io.skywire.node.runtime;

import io.skywire.node.engine.FailureReason;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.SendResult;
import io.skywire.node.identity.NodeId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The application's end of an established route: send bytes with back-pressure (the returned future
 * completes when the engine has taken all of them), receive bytes in order, learn when and why the route
 * ended. Methods may be called from any thread; the receiver runs on the node's event loop and must not block.
 */
public final class RouteSession {

    /** Bytes a session queues beyond what the engine accepted; a sender should await its futures long before. */
    public static final long MAX_QUEUED_BYTES = 16L << 20;

    private static final class PendingSend {
        final byte[] bytes;
        final CompletableFuture<Void> done;
        int offset;

        PendingSend(byte[] bytes, CompletableFuture<Void> done) {
            this.bytes = bytes;
            this.done = done;
        }
    }

    private final EngineDriver driver;
    private final RouteHandle handle;
    private final ArrayDeque<PendingSend> queue = new ArrayDeque<>();
    /** Sends from other threads not yet taken over by the loop; {@link #takeSubmitted} empties it. */
    private final ConcurrentLinkedQueue<PendingSend> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean takeScheduled = new AtomicBoolean();
    private final ArrayDeque<byte[]> early = new ArrayDeque<>();
    private final CompletableFuture<FailureReason> ended = new CompletableFuture<>();
    private long queuedBytes;
    private Consumer<byte[]> receiver;

    RouteSession(EngineDriver driver, RouteHandle handle) {
        this.driver = driver;
        this.handle = handle;
    }

    /** The node-local handle of this route. */
    public RouteHandle handle() {
        return handle;
    }

    /**
     * Queues bytes of any length (split into route payloads in order). The future completes when the engine
     * accepted the last of them, so awaiting it is the back-pressure; it fails when the route ends first or
     * more than {@link #MAX_QUEUED_BYTES} are already waiting.
     */
    public CompletableFuture<Void> send(byte[] bytes) {
        byte[] copy = Objects.requireNonNull(bytes, "bytes").clone();
        CompletableFuture<Void> done = new CompletableFuture<>();
        submitted.add(new PendingSend(copy, done));
        // One loop task takes every send submitted meanwhile: a task (and a flush of every link) per message
        // woke the loop once per message and flushed datagrams one at a time.
        if (takeScheduled.compareAndSet(false, true)) {
            driver.loop().execute(this::takeSubmitted);
        }
        return done;
    }

    /**
     * At the origin of a paid route, sends {@code message} sealed to hop {@code hop} (0 is the first after this
     * node); completes with false when the route or hop is not a paid one.
     */
    public CompletableFuture<Boolean> sendPayment(int hop, byte[] message) {
        byte[] copy = message.clone();
        return onLoop(() -> {
            boolean sent = driver.engine().sendPayment(EngineDriver.now(), handle, hop, copy);
            driver.afterInput();
            return sent;
        });
    }

    /** At the origin of a paid route, hop {@code hop}'s payment salt, or null. */
    public CompletableFuture<byte[]> paymentSalt(int hop) {
        return onLoop(() -> driver.engine().paymentSalt(handle, hop));
    }

    /** The sealed bytes this end has sent and received: what the route's hops are paid for. */
    public CompletableFuture<Long> chargeableBytes() {
        return onLoop(() -> driver.engine().chargeableBytes(handle));
    }

    private <T> CompletableFuture<T> onLoop(Supplier<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        driver.loop().execute(() -> result.complete(call.get()));
        return result;
    }

    /** Sets who receives this route's bytes, on the event loop; bytes that arrived before are handed over first. */
    public void onReceive(Consumer<byte[]> newReceiver) {
        Objects.requireNonNull(newReceiver, "newReceiver");
        driver.loop().execute(() -> {
            receiver = newReceiver;
            // Stops when the receiver gives a payload back (unread): the next receiver takes over from there.
            while (receiver == newReceiver && !early.isEmpty()) {
                newReceiver.accept(early.pollFirst());
            }
        });
    }

    /**
     * Makes this route a link to its other end, {@code peer}, whose application does the same with its end:
     * routes whose next hop is {@code peer} are then set up inside this one, and this route's middle hops hold
     * only its own state (docs/PROTOCOL.md 2.6). From then on the route carries only the link: do not send on
     * it; closing it removes the link. The future fails with {@link IllegalArgumentException} when the route
     * cannot carry a link (not established, cut-through, already a link).
     */
    public CompletableFuture<Void> useAsLink(NodeId peer) {
        Objects.requireNonNull(peer, "peer");
        CompletableFuture<Void> done = new CompletableFuture<>();
        driver.loop().execute(() -> {
            try {
                driver.addVirtualLink(handle, peer);
                done.complete(null);
            } catch (IllegalArgumentException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Completes with the reason when the route ends (closed by either end, expired, or failed). */
    public CompletableFuture<FailureReason> ended() {
        return ended.copy();
    }

    /** Tears the route down; queued bytes not yet accepted are dropped and their futures fail. */
    public void close() {
        driver.loop().execute(this::closeNow);
    }

    /** {@link #close()} on the event loop. */
    void closeNow() {
        if (!ended.isDone()) {
            driver.engine().closeRoute(EngineDriver.now(), handle);
            ended(FailureReason.CLOSED);
            driver.forget(handle);
            driver.afterInput();
        }
    }

    private void takeSubmitted() {
        // Cleared before polling: a send added after the last poll schedules a new task.
        takeScheduled.set(false);
        boolean queued = false;
        PendingSend send;
        while ((send = submitted.poll()) != null) {
            queued |= enqueue(send);
        }
        if (queued) {
            drain();
            driver.afterInput();
        }
    }

    private boolean enqueue(PendingSend send) {
        if (ended.isDone()) {
            send.done.completeExceptionally(new RouteFailedException(ended.join()));
            return false;
        }
        if (queuedBytes + send.bytes.length > MAX_QUEUED_BYTES) {
            send.done.completeExceptionally(new IllegalStateException("more than " + MAX_QUEUED_BYTES
                    + " bytes queued on route " + handle.value() + "; await the earlier sends"));
            return false;
        }
        queue.addLast(send);
        queuedBytes += send.bytes.length;
        return true;
    }

    /** Hands queued bytes to the engine until it pushes back; called again on the route's Writable event. */
    void drain() {
        int chunk = driver.engine().maxPayload(handle);
        PendingSend head;
        while ((head = queue.peekFirst()) != null) {
            if (chunk <= 0) {
                ended(FailureReason.CLOSED);
                return;
            }
            int length = Math.min(chunk, head.bytes.length - head.offset);
            byte[] payload = head.offset == 0 && length == head.bytes.length
                    ? head.bytes : Arrays.copyOfRange(head.bytes, head.offset, head.offset + length);
            SendResult result = head.bytes.length == 0 ? SendResult.ACCEPTED
                    : driver.engine().send(EngineDriver.now(), handle, payload);
            if (result == SendResult.WOULD_BLOCK) {
                return;
            }
            if (result != SendResult.ACCEPTED) {
                ended(FailureReason.CLOSED);
                return;
            }
            head.offset += length;
            queuedBytes -= length;
            if (head.offset == head.bytes.length) {
                queue.pollFirst();
                head.done.complete(null);
            }
        }
    }

    /**
     * On the event loop, from the current receiver: gives {@code payload} back, so that the receiver set next gets it
     * first, then everything after it in order (the {@link RouteDispatcher} reads a route's kind this way).
     */
    void unread(byte[] payload) {
        receiver = null;
        early.addFirst(payload);
    }

    void deliver(byte[] payload) {
        if (receiver != null) {
            receiver.accept(payload);
        } else {
            early.add(payload);
        }
    }

    void ended(FailureReason reason) {
        if (!ended.complete(reason)) {
            return;
        }
        RouteFailedException failure = new RouteFailedException(reason);
        PendingSend pending;
        while ((pending = queue.pollFirst()) != null) {
            pending.done.completeExceptionally(failure);
        }
        queuedBytes = 0;
    }
}
