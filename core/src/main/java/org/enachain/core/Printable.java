package org.enachain.core;

/**
 * Text from a peer (a key id, an error description, a JSON member) made safe for a log line or an
 * error message: printable ASCII only — control characters and line breaks cannot forge log lines —
 * and bounded in length.
 */
public final class Printable {

    private Printable() {
    }

    /** {@code text} with every character outside 0x20–0x7E replaced by '?', cut at {@code max} characters. */
    public static String ascii(Object text, int max) {
        String s = String.valueOf(text);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.toString();
    }
}
