package io.refundledger.command.generator;

/**
 * The courses a generated refund application takes, with how often each happens (relative weights). Every one
 * goes through the real command handlers, so whatever the aggregate decides (a second approval above the
 * threshold, for instance) happens in any of them.
 */
public enum RefundScenario {
    /** Submitted, reviewed, approved and paid. */
    PAID_STRAIGHT(28),
    /** The reviewer asks for documents, the customer answers, then approval and payout. */
    INFORMATION_REQUESTED(10),
    /** Rejected for good: outside the refund window, or used goods. */
    REJECTED(8),
    /** Rejected for a missing invoice, amended and resubmitted, then approved and paid. */
    REJECTED_THEN_RESUBMITTED(7),
    /** Goods sent back, received and inspected (mostly passing), then the refund is paid. */
    RETURN_AND_REFUND(10),
    /** Goods sent back and inspected; a replacement ships, or the exchange is rejected after a failed inspection. */
    EXCHANGE(6),
    /** The first payout fails, finance retries by bank transfer. */
    PAYOUT_FAILED_THEN_RETRIED(6),
    /** The customer withdraws, before the decision or after approval. */
    WITHDRAWN(5),
    /** Above the second-approval threshold: a reviewer's first approval, then finance approves (or rejects). */
    FOUR_EYES(8),
    /** Outside the refund window, approved by exception with a written justification. */
    POLICY_EXCEPTION(4);

    private final int weight;

    RefundScenario(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }
}
