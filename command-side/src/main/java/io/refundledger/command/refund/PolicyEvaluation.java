package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PolicyRuleResult;
import io.refundledger.events.refund.RefundDeduction;
import io.refundledger.events.refund.RefundPolicyEvaluated;

import java.time.Instant;
import java.util.List;

/** The outcome of {@link RefundPolicy#evaluate}: what {@link RefundPolicyEvaluated} records. */
public record PolicyEvaluation(
        String policyVersion,
        boolean withinPolicy,
        List<PolicyRuleResult> rules,
        Money eligibleAmount,
        List<RefundDeduction> deductions,
        boolean secondApprovalRequired,
        Instant reviewDueBy) {

    public PolicyEvaluation {
        rules = List.copyOf(rules);
        deductions = List.copyOf(deductions);
    }

    public RefundPolicyEvaluated toEvent(String applicationId, Instant evaluatedAt) {
        return new RefundPolicyEvaluated(applicationId, policyVersion, withinPolicy, rules, eligibleAmount, deductions,
                secondApprovalRequired, reviewDueBy, evaluatedAt);
    }

    public PolicyRuleResult rule(String name) {
        return rules.stream().filter(r -> r.rule().equals(name)).findFirst().orElse(null);
    }

    public RefundDeduction deduction(String kind) {
        return deductions.stream().filter(d -> d.kind().equals(kind)).findFirst().orElse(null);
    }
}
