package io.refundledger.command.testing;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Valid submission bodies, and submitting one over HTTP as the customer-service agent. */
public final class Submissions {

    private static final String TEMPLATE = """
            {"customerId":"C-3003","orderId":"%s",
             "paidAmount":{"amount":"800.00","currency":"CNY"},
             "requestedAmount":{"amount":"800.00","currency":"CNY"},
             "reasonCategory":"DAMAGED_IN_TRANSIT","reasonText":"外壳破损",
             "payoutMethod":"ORIGINAL_PAYMENT","purchasedAt":"2026-11-10T10:00:00+08:00"}""";

    private Submissions() {
    }

    /** A valid body for an order of its own, so per-order limits never tie tests together. */
    public static String valid() {
        return TEMPLATE.formatted("SO-" + UUID.randomUUID());
    }

    /** Submits a {@link #valid()} body as {@code agent} and returns the new application's id. */
    public static String submitted(CommandSideSpringTest.Caller agent) {
        CommandSideSpringTest.Response response = agent.post("/api/refunds", valid());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("applicationId").asText();
    }
}
