package io.skywire.node.gateway;

import io.skywire.node.engine.FailureReason;
import io.skywire.node.runtime.RouteGroupSession;
import io.skywire.node.runtime.RouteSession;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ordered, reliable byte pipe a {@link RouteStreams} runs its streams over: one route, or a route group of
 * several routes to the same gateway. Streams do not care which, and a group lets them outlive a member route.
 */
interface TunnelPipe {

    /** Sets who receives the pipe's bytes (any thread; the receiver moves them to its own loop). */
    void onReceive(Consumer<byte[]> receiver);

    /** Queues bytes; the future completes when the pipe took them (the back-pressure) or fails when it ended. */
    CompletableFuture<Void> send(byte[] bytes);

    /** Completes with the reason when the pipe ends. */
    CompletableFuture<FailureReason> ended();

    /** Tears the pipe down. */
    void close();

    /** A short name for logs. */
    String label();

    /**
     * This pipe, except that its bytes are read by someone else, who hands them to the receiver {@code subscribe} is
     * given (the first bytes were read to tell what the pipe carries).
     */
    default TunnelPipe readThrough(Consumer<Consumer<byte[]>> subscribe) {
        return new Parts(subscribe, this::send, this::ended, this::close, this::label);
    }

    /** One route. */
    static TunnelPipe of(RouteSession session) {
        return of(session, session::onReceive);
    }

    /** One route whose bytes someone else reads and hands to the receiver {@code subscribe} is given. */
    static TunnelPipe of(RouteSession session, Consumer<Consumer<byte[]>> subscribe) {
        return new Parts(subscribe, session::send, session::ended, session::close,
                () -> "route " + session.handle().value());
    }

    /** A route group. */
    static TunnelPipe of(RouteGroupSession group) {
        return new Parts(group::onReceive, group::send, group::ended, group::close,
                () -> "route group of " + group.memberCount());
    }

    /** A pipe made of what does each of its operations: one route, a group, or a pipe read through someone else. */
    record Parts(Consumer<Consumer<byte[]>> subscribe, Function<byte[], CompletableFuture<Void>> sender,
                 Supplier<CompletableFuture<FailureReason>> end, Runnable closer, Supplier<String> name)
            implements TunnelPipe {

        @Override
        public void onReceive(Consumer<byte[]> receiver) {
            subscribe.accept(receiver);
        }

        @Override
        public CompletableFuture<Void> send(byte[] bytes) {
            return sender.apply(bytes);
        }

        @Override
        public CompletableFuture<FailureReason> ended() {
            return end.get();
        }

        @Override
        public void close() {
            closer.run();
        }

        @Override
        public String label() {
            return name.get();
        }
    }
}
