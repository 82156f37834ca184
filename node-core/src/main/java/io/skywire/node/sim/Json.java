package io.skywire.node.sim;

import java.util.Locale;

/** A minimal writer of one flat-or-nested JSON object, with a fixed number format so output is reproducible. */
public final class Json {

    private final StringBuilder out = new StringBuilder("{");
    private boolean first = true;

    private Json key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(name).append("\":");
        return this;
    }

    /** Adds a string field (names and values here are plain ASCII identifiers). */
    public Json put(String name, String value) {
        key(name).out.append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        return this;
    }

    /** Adds an integer field. */
    public Json put(String name, long value) {
        key(name).out.append(value);
        return this;
    }

    /** Adds a number field with six decimals. */
    public Json put(String name, double value) {
        key(name).out.append(String.format(Locale.ROOT, "%.6f", value));
        return this;
    }

    /** Adds a boolean field. */
    public Json put(String name, boolean value) {
        key(name).out.append(value);
        return this;
    }

    /** Adds an array of already-encoded JSON values. */
    public Json putArray(String name, java.util.List<String> jsonValues) {
        return putRaw(name, "[" + String.join(",", jsonValues) + "]");
    }

    /** Adds an already-encoded JSON value. */
    public Json putRaw(String name, String json) {
        key(name).out.append(json);
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
