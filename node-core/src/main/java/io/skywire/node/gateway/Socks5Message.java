package io.skywire.node.gateway;

import io.skywire.node.stream.StreamTarget;

/** The client messages of a SOCKS5 handshake (RFC 1928, RFC 1929). */
sealed interface Socks5Message {

    /** Version identifier/method selection: the methods the client offers. */
    record Greeting(byte[] methods) implements Socks5Message {
        boolean offers(int method) {
            for (byte m : methods) {
                if ((m & 0xff) == method) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Username/password sub-negotiation. */
    record Credentials(String username, String password) implements Socks5Message {
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    /** A CONNECT request. */
    record Connect(StreamTarget target) implements Socks5Message {
    }
}
