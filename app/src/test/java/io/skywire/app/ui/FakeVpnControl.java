package io.skywire.app.ui;

import io.skywire.app.vpn.VpnPrivilege;
import io.skywire.node.identity.NodeId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link VpnControl} that never touches the machine's network: it says what privilege it was given, records each
 * call and answers with futures the test completes; {@link #report} plays the VPN client's later status lines.
 */
final class FakeVpnControl implements VpnControl {

    final VpnPrivilege privilege;
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile CompletableFuture<String> started = new CompletableFuture<>();
    volatile CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Consumer<String> lines = line -> { };

    FakeVpnControl(VpnPrivilege privilege) {
        this.privilege = privilege;
    }

    static FakeVpnControl unprivileged() {
        return new FakeVpnControl(new VpnPrivilege(false, "the app runs without root or CAP_NET_ADMIN"));
    }

    static FakeVpnControl privileged() {
        return new FakeVpnControl(new VpnPrivilege(true, ""));
    }

    void report(String line) {
        lines.accept(line);
    }

    @Override
    public VpnPrivilege privilege() {
        return privilege;
    }

    @Override
    public CompletableFuture<String> up(NodeId gateway, Consumer<String> statusLines) {
        calls.add("up " + (gateway == null ? "auto" : gateway.fingerprint()));
        lines = statusLines;
        return started;
    }

    @Override
    public CompletableFuture<Void> down() {
        calls.add("down");
        return stopped;
    }

    @Override
    public void close() {
        calls.add("close");
    }
}
