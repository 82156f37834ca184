package io.skywire.node.gateway;

import io.skywire.node.engine.FailureReason;
import io.skywire.node.runtime.RouteGroupSession;
import io.skywire.node.runtime.RouteSession;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
        TunnelPipe pipe = this;
        return new TunnelPipe() {
            @Override
            public void onReceive(Consumer<byte[]> receiver) {
                subscribe.accept(receiver);
            }

            @Override
            public CompletableFuture<Void> send(byte[] bytes) {
                return pipe.send(bytes);
            }

            @Override
            public CompletableFuture<FailureReason> ended() {
                return pipe.ended();
            }

            @Override
            public void close() {
                pipe.close();
            }

            @Override
            public String label() {
                return pipe.label();
            }
        };
    }

    /** One route. */
    static TunnelPipe of(RouteSession session) {
        return new TunnelPipe() {
            @Override
            public void onReceive(Consumer<byte[]> receiver) {
                session.onReceive(receiver);
            }

            @Override
            public CompletableFuture<Void> send(byte[] bytes) {
                return session.send(bytes);
            }

            @Override
            public CompletableFuture<FailureReason> ended() {
                return session.ended();
            }

            @Override
            public void close() {
                session.close();
            }

            @Override
            public String label() {
                return "route " + session.handle().value();
            }
        };
    }

    /** One route whose bytes someone else reads and hands to the receiver {@code subscribe} is given. */
    static TunnelPipe of(RouteSession session, Consumer<Consumer<byte[]>> subscribe) {
        return of(session).readThrough(subscribe);
    }

    /** A route group. */
    static TunnelPipe of(RouteGroupSession group) {
        return new TunnelPipe() {
            @Override
            public void onReceive(Consumer<byte[]> receiver) {
                group.onReceive(receiver);
            }

            @Override
            public CompletableFuture<Void> send(byte[] bytes) {
                return group.send(bytes);
            }

            @Override
            public CompletableFuture<FailureReason> ended() {
                return group.ended();
            }

            @Override
            public void close() {
                group.close();
            }

            @Override
            public String label() {
                return "route group of " + group.memberCount();
            }
        };
    }
}
