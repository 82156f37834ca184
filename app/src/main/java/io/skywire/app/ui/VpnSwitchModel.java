package io.skywire.app.ui;

import io.skywire.app.vpn.VpnPrivilege;
import io.skywire.node.identity.NodeId;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The gateway screen's "VPN (all traffic)" switch. Without root or CAP_NET_ADMIN the switch stays off and disabled and
 * {@link #explanationProperty()} says how to grant the privilege and that the proxies work without it; with it,
 * switching on brings the VPN up through the selected gateway (or the automatic one) via a {@link VpnControl} off the
 * FX thread while {@link #busyProperty()} is set, {@link #statusProperty()} follows the VPN client's own status line,
 * and a failure flips the switch back with a readable message. Outcomes come back through the {@code ui} executor.
 */
public final class VpnSwitchModel {

    static final String OFF = "VPN off";

    private final Executor ui;
    private final Supplier<NodeId> gateway;
    private final BooleanProperty on = new SimpleBooleanProperty();
    private final BooleanProperty available = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty statusIsError = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty explanation = new SimpleStringProperty("");
    private VpnControl control;
    /** Set while the model itself moves the switch, so that move is not taken for the user's. */
    private boolean applying;
    /** Whether the VPN client has reported a status line since the switch went on. */
    private boolean heard;

    /** A switch whose VPN goes through {@code gateway}'s answer (null: automatic) when switched on. */
    VpnSwitchModel(Executor ui, Supplier<NodeId> gateway) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        on.addListener((obs, old, now) -> {
            if (!applying) {
                if (now) {
                    up();
                } else {
                    down();
                }
            }
        });
    }

    /** The node is up: asks {@code vpn} whether the switch may be used, and explains when not. */
    public void attach(VpnControl vpn) {
        control = Objects.requireNonNull(vpn, "vpn");
        VpnPrivilege privilege = vpn.privilege();
        available.set(privilege.granted());
        explanation.set(privilege.granted() ? "" : explain(javaCommand()));
        statusIsError.set(false);
        status.set(privilege.granted() ? OFF : "VPN unavailable: " + privilege.reason());
    }

    /** The node stops (the window takes the VPN down itself): the switch goes off and takes no more actions. */
    public void detach() {
        control = null;
        available.set(false);
        set(false);
        status.set(OFF);
    }

    /**
     * What a user without the privilege is told beside the switch (the status line says why not): how to grant it
     * ({@code java} is the program to give the capability to), the CLI alternative, and that the proxies need nothing.
     */
    static String explain(String java) {
        return "A system-wide VPN needs root or CAP_NET_ADMIN. To allow it, run "
                + "'sudo setcap cap_net_admin+ep " + java + "' and restart the app, or start the VPN from a terminal "
                + "with 'sudo skywire vpn up'. The SOCKS5 and HTTP proxy addresses below work without it: set one in "
                + "a program to send that program through the gateway.";
    }

    /** The program running this app: the packaged launcher, or the java binary. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void up() {
        VpnControl vpn = control;
        if (vpn == null || !available.get() || busy.get()) {
            set(false);
            return;
        }
        NodeId through = gateway.get();
        busy.set(true);
        heard = false;
        statusIsError.set(false);
        status.set("Starting the VPN through " + (through == null ? "the automatic gateway" : "gateway "
                + through.fingerprint()) + "…");
        GatewaysViewModel.attempt(() -> vpn.up(through, line -> ui.execute(() -> {
            if (on.get()) {
                heard = true;
                statusIsError.set(false);
                status.set(line);
            }
        }))).whenComplete((line, error) -> ui.execute(() -> {
            busy.set(false);
            if (error == null) {
                if (!heard) {
                    status.set(line);
                }
            } else {
                set(false);
                statusIsError.set(true);
                status.set("VPN off: " + GatewaysViewModel.readable(error));
            }
        }));
    }

    private void down() {
        VpnControl vpn = control;
        if (vpn == null) {
            return;
        }
        busy.set(true);
        statusIsError.set(false);
        status.set("Stopping the VPN…");
        GatewaysViewModel.attempt(vpn::down).whenComplete((nothing, error) -> ui.execute(() -> {
            busy.set(false);
            if (error == null) {
                status.set(OFF);
            } else {
                statusIsError.set(true);
                status.set("VPN stop failed: " + GatewaysViewModel.readable(error));
            }
        }));
    }

    private void set(boolean value) {
        applying = true;
        try {
            on.set(value);
        } finally {
            applying = false;
        }
    }

    /** The switch: the user sets it; it flips back when bringing the VPN up fails. */
    public BooleanProperty onProperty() {
        return on;
    }

    /** Whether the switch may be used: a node is up and the process has the privilege. */
    public BooleanProperty availableProperty() {
        return available;
    }

    /** Bringing the VPN up or down; the switch waits. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The VPN client's status line, progress, or the readable reason it is off. */
    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty statusIsErrorProperty() {
        return statusIsError;
    }

    /** Empty with the privilege; otherwise why the switch is off and what to use or do instead. */
    public StringProperty explanationProperty() {
        return explanation;
    }
}
