package io.skywire.node.group;

/** Bytes on a member route that are not a well-formed group frame; that member's byte stream cannot be trusted. */
public final class GroupProtocolException extends Exception {

    GroupProtocolException(String message) {
        super(message);
    }
}
