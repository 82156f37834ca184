package io.skywire.app.vpn;

import io.skywire.node.vpn.TunDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Whether this process may run VPN mode: a TUN device, routes and nftables need root or CAP_NET_ADMIN, and the kernel
 * must offer /dev/net/tun. Read once before offering the VPN, so a user without them is told why and what to do
 * instead of meeting a failure halfway through the setup.
 *
 * @param granted whether the VPN can be brought up by this process
 * @param reason  why not (empty when granted)
 */
public record VpnPrivilege(boolean granted, String reason) {

    /** CAP_NET_ADMIN's bit in the capability sets (linux/capability.h). */
    static final int CAP_NET_ADMIN = 12;

    /** Reads this process's effective capabilities from /proc/self/status and looks for /dev/net/tun. */
    public static VpnPrivilege ofThisProcess() {
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return new VpnPrivilege(false, "cannot read /proc/self/status (" + e.getMessage()
                    + "): VPN mode is built for Linux only");
        }
        return check(status, TunDevice.supported());
    }

    /** The decision for a process whose /proc/self/status reads {@code procStatus}. */
    static VpnPrivilege check(String procStatus, boolean tunPresent) {
        if (!tunPresent) {
            return new VpnPrivilege(false, "this system has no /dev/net/tun (load the tun module: sudo modprobe tun)");
        }
        OptionalLong effective = effectiveCapabilities(procStatus);
        if (effective.isEmpty()) {
            return new VpnPrivilege(false, "no readable CapEff line in /proc/self/status");
        }
        if (!hasNetAdmin(effective.getAsLong())) {
            return new VpnPrivilege(false, "the app runs without root or CAP_NET_ADMIN");
        }
        return new VpnPrivilege(true, "");
    }

    /**
     * The effective capability set from the text of /proc/PID/status (the {@code CapEff:} line, hexadecimal), or
     * empty when the line is missing or malformed.
     */
    static OptionalLong effectiveCapabilities(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                String hex = line.substring("CapEff:".length()).strip();
                if (hex.isEmpty() || hex.length() > 16) {
                    return OptionalLong.empty();
                }
                try {
                    return OptionalLong.of(Long.parseUnsignedLong(hex, 16));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** Whether {@code capabilities} holds CAP_NET_ADMIN (root's full set does). */
    static boolean hasNetAdmin(long capabilities) {
        return (capabilities >>> CAP_NET_ADMIN & 1) != 0;
    }
}
