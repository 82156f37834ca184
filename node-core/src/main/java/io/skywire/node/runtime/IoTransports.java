package io.skywire.node.runtime;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The event-loop flavour and its channel classes: epoll where the native library loads, NIO elsewhere. */
record IoTransports(String name, IoHandlerFactory handlerFactory, Class<? extends Channel> datagram,
                    Class<? extends ServerChannel> server, Class<? extends Channel> socket) {

    /** A factory of IPv4 datagram channels of this flavour (multicast groups are joined per address family). */
    ChannelFactory<DatagramChannel> ipv4Datagram() {
        if (datagram == EpollDatagramChannel.class) {
            return () -> new EpollDatagramChannel(SocketProtocolFamily.INET);
        }
        return () -> new NioDatagramChannel(SocketProtocolFamily.INET);
    }

    static IoTransports best() {
        // -Dskywire.io=nio forces NIO, so both flavours can be compared on one machine.
        if (!"nio".equals(System.getProperty("skywire.io")) && Epoll.isAvailable()) {
            return new IoTransports("epoll", EpollIoHandler.newFactory(), EpollDatagramChannel.class,
                    EpollServerSocketChannel.class, EpollSocketChannel.class);
        }
        return new IoTransports("nio", NioIoHandler.newFactory(), NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
