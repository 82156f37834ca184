package io.skywire.app.ui;

import io.skywire.node.gateway.GatewaySnapshot;
import io.skywire.node.gateway.TunnelStatus;
import io.skywire.node.identity.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The one way the app's screens act on the tunnel: the Gateways screen's Connect, Disconnect and Auto and the
 * dashboard's switch all go through it, because two actions in flight on the proxy at once can end in either order
 * and leave a screen showing a state that is not the proxy's. Here they run one after another in the order the user
 * gave them, so the last action given is the last one applied and its outcome is the proxy's state. While any runs,
 * every {@link Listener} hears "busy" (both screens disable their tunnel controls); when the last one ends, each hears
 * the proxy's settled status and who chose its gateway, then "idle". Actions are given on the UI thread, which hears
 * "busy" at once (so the other screen's controls are disabled before the next click); the outcome comes through the
 * {@code ui} executor (the FX thread's {@code Platform::runLater}; {@code Runnable::run} in tests), and is dropped
 * when another action was given meanwhile (that one settles later).
 *
 * <p>A speed test does not move the tunnel: it goes straight to the proxy.
 */
public final class TunnelActions implements GatewayControl {

    /** What a screen hears; called through the {@code ui} executor. */
    public interface Listener {

        /** True as the first action is given, false after the last one has ended and {@link #settled} was called. */
        void busy(boolean busy);

        /**
         * The proxy's status after the last action (null when it failed: the next reading shows the state); when
         * {@code choiceKnown} (a connect or auto has succeeded), the gateway the user chose ({@code chosen}, null: the
         * client chooses); otherwise the screen keeps the choice its readings showed.
         */
        void settled(TunnelStatus status, NodeId chosen, boolean choiceKnown);
    }

    private final GatewayControl proxy;
    private final Executor ui;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Guarded by this: the last action given, which the next one waits for. */
    private CompletableFuture<TunnelStatus> tail = CompletableFuture.completedFuture(null);
    /** Guarded by this: actions given and not yet ended. */
    private int pending;
    /** Guarded by this: listeners have heard "busy" and not yet "idle". */
    private boolean announced;
    /** Guarded by this: the gateway the user pinned, as the actions applied so far leave it. */
    private NodeId chosen;
    /** Guarded by this: whether an action has set {@link #chosen} (a disconnect leaves the proxy's choice alone). */
    private boolean chosenKnown;

    public TunnelActions(GatewayControl proxy, Executor ui) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Adds a screen that follows the actions. */
    public void listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Whether an action is given and not yet ended. */
    public synchronized boolean busy() {
        return pending > 0;
    }

    @Override
    public CompletableFuture<TunnelStatus> connect(NodeId gateway) {
        return submit(() -> proxy.connect(gateway), true, gateway);
    }

    @Override
    public CompletableFuture<TunnelStatus> disconnect() {
        return submit(proxy::disconnect, false, null);
    }

    @Override
    public CompletableFuture<TunnelStatus> auto() {
        return submit(proxy::auto, true, null);
    }

    @Override
    public CompletableFuture<GatewaySnapshot> speedTest(NodeId gateway) {
        return proxy.speedTest(gateway);
    }

    /**
     * Queues {@code action} behind the last one; when it has succeeded and {@code choosing}, the user's choice becomes
     * {@code gateway} (connect: that gateway; auto: none). A disconnect leaves the choice as it was.
     */
    private CompletableFuture<TunnelStatus> submit(Supplier<CompletableFuture<TunnelStatus>> action, boolean choosing,
                                                   NodeId gateway) {
        CompletableFuture<TunnelStatus> result;
        boolean first;
        synchronized (this) {
            pending++;
            first = !announced;
            announced = true;
            // Whatever the previous action's outcome, this one runs after it has ended.
            result = tail.handle((previous, error) -> null)
                    .thenCompose(ignored -> GatewaysViewModel.attempt(action));
            tail = result;
        }
        if (first) {
            listeners.forEach(listener -> listener.busy(true));
        }
        result.whenComplete((status, error) -> ended(status, error == null && choosing, gateway));
        return result;
    }

    private void ended(TunnelStatus status, boolean choose, NodeId gateway) {
        boolean last;
        NodeId choice;
        boolean known;
        synchronized (this) {
            if (choose) {
                chosen = gateway;
                chosenKnown = true;
            }
            last = --pending == 0;
            choice = chosen;
            known = chosenKnown;
        }
        if (last) {
            ui.execute(() -> {
                synchronized (this) {
                    if (pending > 0) {
                        return; // given after this one ended: it settles later, and its "busy" stands
                    }
                    announced = false;
                }
                listeners.forEach(listener -> listener.settled(status, choice, known));
                listeners.forEach(listener -> listener.busy(false));
            });
        }
    }
}
