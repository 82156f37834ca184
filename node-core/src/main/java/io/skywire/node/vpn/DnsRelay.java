package io.skywire.node.vpn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's DNS answer inside the tunnel: UDP queries to the gateway's tunnel address, port 53, are relayed to
 * the gateway's own resolver and its answers sent back, so a client's names are resolved where its traffic leaves
 * (no DNS leak on the client's network). It forwards bytes and does not parse them; at most {@link #MAX_PENDING}
 * queries wait, more are dropped and counted.
 */
public final class DnsRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsRelay.class);
    static final int MAX_PENDING = 256;
    private static final int UPSTREAM_TIMEOUT_MILLIS = 3_000;
    private static final int MAX_MESSAGE = 4_096;

    private final DatagramSocket socket;
    private final InetSocketAddress upstream;
    private final VpnCounters counters;
    private final ThreadPoolExecutor workers;
    private final Thread receiver;
    private volatile boolean running = true;

    private DnsRelay(DatagramSocket socket, InetSocketAddress upstream, VpnCounters counters) {
        this.socket = socket;
        this.upstream = upstream;
        this.counters = counters;
        this.workers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_PENDING),
                r -> {
                    Thread thread = new Thread(r, "skywire-dns-relay");
                    thread.setDaemon(true);
                    return thread;
                });
        this.receiver = new Thread(this::receive, "skywire-dns-listen");
        this.receiver.setDaemon(true);
    }

    /** Listens on {@code listen} and relays to {@code upstream}. */
    public static DnsRelay start(InetSocketAddress listen, InetSocketAddress upstream, VpnCounters counters)
            throws IOException {
        DatagramSocket socket = new DatagramSocket(listen);
        socket.setSoTimeout(500);
        DnsRelay relay = new DnsRelay(socket, upstream, counters);
        relay.receiver.start();
        LOG.info("DNS relay on {} to {}", listen, upstream);
        return relay;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void receive() {
        byte[] buffer = new byte[MAX_MESSAGE];
        while (running) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (running) {
                    LOG.warn("DNS relay stopped: {}", e.getMessage());
                }
                return;
            }
            byte[] bytes = Arrays.copyOf(query.getData(), query.getLength());
            InetSocketAddress from = (InetSocketAddress) query.getSocketAddress();
            try {
                workers.execute(() -> relay(bytes, from));
            } catch (RejectedExecutionException e) {
                counters.increment(VpnCounter.DNS_DROPPED);
            }
        }
    }

    private void relay(byte[] query, InetSocketAddress from) {
        try (DatagramSocket out = new DatagramSocket()) {
            out.setSoTimeout(UPSTREAM_TIMEOUT_MILLIS);
            out.send(new DatagramPacket(query, query.length, upstream));
            byte[] buffer = new byte[MAX_MESSAGE];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            out.receive(answer);
            socket.send(new DatagramPacket(answer.getData(), answer.getLength(), from));
            counters.increment(VpnCounter.DNS_RELAYED);
        } catch (IOException e) {
            counters.increment(VpnCounter.DNS_DROPPED);
            LOG.debug("DNS query from {} not answered: {}", from, e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        workers.shutdownNow();
    }
}
