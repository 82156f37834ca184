package io.skywire.node.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The username and password a local SOCKS5 client must give (RFC 1929), for a proxy on a shared machine.
 *
 * @param username 1..255 bytes of UTF-8
 * @param password 1..255 bytes of UTF-8
 */
public record ProxyCredentials(String username, String password) {

    public ProxyCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        int user = username.getBytes(StandardCharsets.UTF_8).length;
        int pass = password.getBytes(StandardCharsets.UTF_8).length;
        if (user < 1 || user > 255 || pass < 1 || pass > 255) {
            throw new IllegalArgumentException("username and password must be 1..255 bytes each");
        }
    }

    /** Compares in constant time, so the reply time does not tell how much of a guess was right. */
    boolean matches(String user, String pass) {
        boolean userOk = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        boolean passOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                pass.getBytes(StandardCharsets.UTF_8));
        return userOk & passOk;
    }

    @Override
    public String toString() {
        return "ProxyCredentials[username=" + username + "]";
    }
}
