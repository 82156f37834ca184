package io.skywire.node.vpn;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Linux TUN device opened through JNA: {@code open("/dev/net/tun")} then {@code ioctl(TUNSETIFF)} with
 * {@code IFF_TUN | IFF_NO_PI}, so each {@code read} returns one IPv4 (or IPv6) packet and each {@code write} takes
 * one, with no shell command on the packet path. The device exists while the descriptor is open; closing it
 * removes the interface with its addresses and routes.
 *
 * <p>Reads wait in {@code poll} with a timeout so a reader thread notices {@link #close()} without the descriptor
 * being closed under it. One thread reads, any one thread writes ({@code write} on a TUN descriptor is atomic per
 * packet).
 *
 * <p>macOS (utun, a {@code PF_SYSTEM} socket with a 4-byte address family before each packet) and Windows (Wintun's
 * ring buffers) would implement the same methods; see docs/ARCHITECTURE.md.
 */
public final class TunDevice implements AutoCloseable {

    private static final int O_RDWR = 2;
    private static final int IFF_TUN = 0x0001;
    private static final int IFF_NO_PI = 0x1000;
    private static final long TUNSETIFF = 0x400454caL;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    private static final short POLLIN = 0x0001;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;

    /** libc, direct-mapped (no proxy per call): the packet path calls read, write and poll. */
    private static final class LibC {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int open(String path, int flags) throws LastErrorException;

        static native int ioctl(int fd, NativeLong request, Pointer argument) throws LastErrorException;

        static native int read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        static native int write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

        static native int poll(Pointer fds, NativeLong count, int timeoutMillis) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;
    }

    private final int fd;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Memory pollFd = new Memory(8);

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Whether this platform can open TUN devices through this class (Linux with a readable /dev/net/tun). */
    public static boolean supported() {
        return Platform.isLinux() && java.nio.file.Files.exists(java.nio.file.Path.of("/dev/net/tun"));
    }

    /**
     * Creates (or attaches to) the TUN interface {@code name}.
     *
     * @throws IOException when the device cannot be opened: no /dev/net/tun, or no CAP_NET_ADMIN
     */
    public static TunDevice open(String name) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("interface name must be 1..15 of [A-Za-z0-9_.-]: '" + name + "'");
        }
        if (!Platform.isLinux()) {
            throw new IOException("TUN devices are built for Linux only; this is " + System.getProperty("os.name"));
        }
        int fd;
        try {
            fd = LibC.open("/dev/net/tun", O_RDWR);
        } catch (LastErrorException e) {
            throw new IOException("cannot open /dev/net/tun (errno " + e.getErrorCode() + "): "
                    + (e.getErrorCode() == 13 || e.getErrorCode() == 1 ? "needs root or CAP_NET_ADMIN" : e.getMessage()));
        }
        Memory ifreq = new Memory(IFREQ_SIZE);
        ifreq.clear();
        ifreq.write(0, nameBytes, 0, nameBytes.length);
        ifreq.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
        try {
            LibC.ioctl(fd, new NativeLong(TUNSETIFF), ifreq);
        } catch (LastErrorException e) {
            LibC.close(fd);
            throw new IOException("TUNSETIFF " + name + " refused (errno " + e.getErrorCode() + "): "
                    + (e.getErrorCode() == 1 ? "needs root or CAP_NET_ADMIN" : e.getMessage()));
        }
        String actual = ifreq.getString(0, StandardCharsets.US_ASCII.name());
        return new TunDevice(fd, actual);
    }

    /** The interface's name as the kernel knows it. */
    public String name() {
        return name;
    }

    /**
     * Reads one packet into {@code buffer}, waiting at most {@code timeoutMillis}.
     *
     * @return the packet's length, 0 when none came in time
     * @throws IOException when the device is closed or broken
     */
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        if (closed.get()) {
            throw new IOException("TUN " + name + " is closed");
        }
        pollFd.setInt(0, fd);
        pollFd.setShort(4, POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            int ready = LibC.poll(pollFd, new NativeLong(1), timeoutMillis);
            if (ready == 0) {
                return 0;
            }
            return LibC.read(fd, buffer, new NativeLong(buffer.length));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR || e.getErrorCode() == EAGAIN) {
                return 0;
            }
            throw new IOException("reading TUN " + name + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Writes one packet ({@code bytes} whole). */
    public void write(byte[] bytes) throws IOException {
        if (closed.get()) {
            throw new IOException("TUN " + name + " is closed");
        }
        try {
            int written = LibC.write(fd, bytes, new NativeLong(bytes.length));
            if (written != bytes.length) {
                throw new IOException("TUN " + name + " took " + written + " of " + bytes.length + " bytes");
            }
        } catch (LastErrorException e) {
            throw new IOException("writing TUN " + name + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Closes the descriptor: the interface goes away with its addresses and routes. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // Nothing left to release.
            }
        }
    }
}
