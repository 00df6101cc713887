package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.NotificationChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ledger.refund-policy.*} as configured; {@link #toSettings} turns it into the plain
 * {@link RefundPolicySettings} the policy uses. The business zone is the app-wide {@code ledger.business-zone}.
 *
 * @param handlingFee a fixed fee per currency code, e.g. {@code handling-fee.CNY: 10.00}; none by default
 */
@ConfigurationProperties("ledger.refund-policy")
public record RefundPolicyProperties(
        @DefaultValue("2026.11-1") String version,
        @DefaultValue("30") int windowDays,
        @DefaultValue("PURCHASE") RefundPolicySettings.WindowStart windowStartsAt,
        Map<String, BigDecimal> handlingFee,
        @DefaultValue Threshold secondApprovalThreshold,
        @DefaultValue("P2D") Duration reviewDeadline,
        @DefaultValue("P3D") Duration payoutDeadline,
        @DefaultValue("Refund Ledger Returns Centre") String returnAddress,
        @DefaultValue("EMAIL") NotificationChannel notificationChannel) {

    public record Threshold(@DefaultValue("5000.00") BigDecimal amount, @DefaultValue("CNY") String currency) {
    }

    public RefundPolicySettings toSettings(ZoneId businessZone) {
        Map<String, Money> fees = new HashMap<>();
        if (handlingFee != null) {
            handlingFee.forEach((currency, amount) -> fees.put(currency, new Money(amount, currency)));
        }
        return new RefundPolicySettings(version, windowDays, windowStartsAt, businessZone, fees,
                new Money(secondApprovalThreshold.amount(), secondApprovalThreshold.currency()),
                reviewDeadline, payoutDeadline, returnAddress, notificationChannel);
    }
}
