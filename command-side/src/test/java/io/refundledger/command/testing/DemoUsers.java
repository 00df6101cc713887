package io.refundledger.command.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The demo accounts configured in application.yml (basic mode): each user's password is {@code <name>-demo}. */
public final class DemoUsers {

    /** CUSTOMER_SERVICE */
    public static final String AGENT = "agent";
    /** REVIEWER */
    public static final String REVIEWER = "reviewer";
    /** REVIEWER, a second one for four-eyes cases */
    public static final String REVIEWER2 = "reviewer2";
    /** FINANCE */
    public static final String FINANCE = "finance";
    /** AUDITOR */
    public static final String AUDITOR = "auditor";
    /** ADMIN */
    public static final String ADMIN = "admin";

    public static final String[] ALL = {AGENT, REVIEWER, REVIEWER2, FINANCE, AUDITOR, ADMIN};

    private DemoUsers() {
    }

    public static String password(String username) {
        return username + "-demo";
    }

    /** The {@code Authorization} header value for HTTP Basic as that user. */
    public static String basicAuth(String username) {
        return basicAuth(username, password(username));
    }

    public static String basicAuth(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
