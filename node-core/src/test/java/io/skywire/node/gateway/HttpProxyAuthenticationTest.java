package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.skywire.node.stream.StreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The HTTP CONNECT proxy with credentials: Basic Proxy-Authorization is checked before any stream opens. */
class HttpProxyAuthenticationTest {

    private static final ProxyCredentials CREDENTIALS = new ProxyCredentials("alice", "s3cret:with:colons");

    private static ByteBuf request(String... headers) {
        StringBuilder head = new StringBuilder("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return Unpooled.copiedBuffer(head.append("\r\n"), StandardCharsets.ISO_8859_1);
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What the proxy answers when the request is refused (the handler never reaches the tunnel). */
    private static String refusal(ByteBuf request) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpConnectDecoder(CREDENTIALS), new HttpConnectHandler(null));
        channel.writeInbound(request);
        ByteBuf answer = channel.readOutbound();
        assertThat(channel.isOpen()).as("closed after the refusal").isFalse();
        String text = answer.toString(StandardCharsets.US_ASCII);
        answer.release();
        return text;
    }

    @Test
    void theRightCredentialsLetTheRequestThrough() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpConnectDecoder(CREDENTIALS));
        channel.writeInbound(request("Proxy-Authorization: Basic " + basic("alice", "s3cret:with:colons")));
        StreamTarget target = channel.readInbound();
        assertThat(target.host()).isEqualTo("example.org");
        assertThat(target.port()).isEqualTo(443);
    }

    @Test
    void headerNamesAndTheSchemeAreCaseInsensitive() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpConnectDecoder(CREDENTIALS));
        channel.writeInbound(request("proxy-authorization:   basic " + basic("alice", "s3cret:with:colons")));
        assertThat((Object) channel.readInbound()).isInstanceOf(StreamTarget.class);
    }

    @Test
    void noCredentialsGetAChallenge() {
        String answer = refusal(request());
        assertThat(answer).startsWith("HTTP/1.1 407 Proxy Authentication Required\r\n")
                .contains("Proxy-Authenticate: Basic realm=\"skywire\"").endsWith("\r\n\r\n");
    }

    @Test
    void wrongPasswordsUsersAndSchemesAreRefused() {
        assertThat(refusal(request("Proxy-Authorization: Basic " + basic("alice", "guess")))).startsWith("HTTP/1.1 407");
        assertThat(refusal(request("Proxy-Authorization: Basic " + basic("bob", "s3cret:with:colons"))))
                .startsWith("HTTP/1.1 407");
        assertThat(refusal(request("Proxy-Authorization: Bearer abc"))).startsWith("HTTP/1.1 407");
        assertThat(refusal(request("Proxy-Authorization: Basic "
                + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)))))
                .startsWith("HTTP/1.1 407");
    }

    @Test
    void undecodableCredentialsAreABadRequest() {
        assertThat(refusal(request("Proxy-Authorization: Basic !!!not-base64!!!"))).startsWith("HTTP/1.1 400");
    }

    @Test
    void withoutRequiredCredentialsTheHeaderIsIgnored() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpConnectDecoder(null));
        channel.writeInbound(request("Proxy-Authorization: Basic " + basic("x", "y")));
        assertThat((Object) channel.readInbound()).isInstanceOf(StreamTarget.class);
    }
}
