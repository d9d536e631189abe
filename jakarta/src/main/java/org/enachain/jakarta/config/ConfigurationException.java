package org.enachain.jakarta.config;

/**
 * A configuration value that enachain cannot use: thrown at deployment, so that the application does
 * not start. The message names the key, what is wrong and how to fix it; it never repeats a secret.
 */
public class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigurationException(String key, String message) {
        this(key, message, null);
    }

    public ConfigurationException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
