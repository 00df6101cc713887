package io.refundledger.events.refund;

import io.refundledger.events.common.Money;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The refund policy was applied to a (re)submitted application: the version, every rule's result, how the
 * refundable amount was reached, and what review it needs. The reviewer, finance and auditors see exactly this.
 *
 * @param eligibleAmount          what the policy allows to be refunded, after deductions and the order cap
 * @param secondApprovalRequired  whether finance must approve too (amount, or the order's total, over the threshold)
 * @param reviewDueBy             the review deadline the policy sets
 */
@Revision("1")
public record RefundPolicyEvaluated(
        String applicationId,
        String policyVersion,
        boolean withinPolicy,
        List<PolicyRuleResult> rules,
        Money eligibleAmount,
        List<RefundDeduction> deductions,
        boolean secondApprovalRequired,
        Instant reviewDueBy,
        Instant evaluatedAt) {
}
