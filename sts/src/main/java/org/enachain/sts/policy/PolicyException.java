package org.enachain.sts.policy;

import java.util.List;
import java.util.Objects;

import org.enachain.core.Printable;

/**
 * A tenant policy file that cannot be used. Carries every problem found, each naming the JSON path
 * of the offending value and the rule it breaks, e.g.
 * {@code clients[1].client-id: 'app' is not an https URL (Profile 2.2.1)}. The problems never
 * contain a password or private key value, so the message is safe to log.
 */
public final class PolicyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String tenant;
    private final List<String> problems;

    public PolicyException(String tenant, List<String> problems) {
        super(message(tenant, problems));
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("A policy exception needs at least one problem");
        }
    }

    /** The tenant whose policy is invalid (as named by the caller, possibly itself invalid). */
    public String tenant() {
        return tenant;
    }

    /** Every problem found, in the order found; one line each, safe to log. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String tenant, List<String> problems) {
        StringBuilder sb = new StringBuilder("The policy of tenant '").append(Printable.ascii(tenant, 80))
                .append("' is invalid:");
        for (String problem : problems) {
            sb.append("\n  ").append(problem);
        }
        return sb.toString();
    }
}
