package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.NotificationChannel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The knobs of the refund policy, as configured under {@code ledger.refund-policy} (see
 * {@link RefundPolicyProperties}). Plain values: no Spring.
 *
 * @param version                 recorded with every evaluation, e.g. {@code 2026.11-1}
 * @param windowDays              the refund window in calendar days of the business zone (day N is inside)
 * @param windowStartsAt          whether the window counts from purchase or from delivery (when known)
 * @param businessZone            the zone whose calendar days count
 * @param handlingFees            a fixed handling fee per currency code; empty for none
 * @param secondApprovalThreshold amounts (or order totals) above this need finance's second approval
 * @param reviewDeadline          how long review may take after (re)submission
 * @param payoutDeadline          how long payout may take after final approval (for the SLA monitor)
 * @param returnAddress           where returned goods go (退货地址)
 * @param notificationChannel     how customers are notified by default
 */
public record RefundPolicySettings(
        String version,
        int windowDays,
        WindowStart windowStartsAt,
        ZoneId businessZone,
        Map<String, Money> handlingFees,
        Money secondApprovalThreshold,
        Duration reviewDeadline,
        Duration payoutDeadline,
        String returnAddress,
        NotificationChannel notificationChannel) {

    public enum WindowStart {
        PURCHASE,
        /** From delivery when the application states it, else from purchase. */
        DELIVERY
    }

    public RefundPolicySettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(windowStartsAt, "windowStartsAt");
        Objects.requireNonNull(businessZone, "businessZone");
        Objects.requireNonNull(secondApprovalThreshold, "secondApprovalThreshold");
        Objects.requireNonNull(reviewDeadline, "reviewDeadline");
        Objects.requireNonNull(payoutDeadline, "payoutDeadline");
        Objects.requireNonNull(returnAddress, "returnAddress");
        Objects.requireNonNull(notificationChannel, "notificationChannel");
        if (version.isBlank()) {
            throw new IllegalArgumentException("the policy needs a version");
        }
        if (windowDays < 0) {
            throw new IllegalArgumentException("windowDays must not be negative");
        }
        handlingFees = Map.copyOf(handlingFees == null ? Map.of() : handlingFees);
        handlingFees.forEach((currency, fee) -> {
            if (!fee.currency().equals(currency) || fee.amount().signum() < 0) {
                throw new IllegalArgumentException("handling fee for " + currency + " must be a non-negative " + currency
                        + " amount, was " + fee);
            }
        });
    }
}
