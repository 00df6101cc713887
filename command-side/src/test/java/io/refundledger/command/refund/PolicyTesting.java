package io.refundledger.command.refund;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.NotificationChannel;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** The policy the aggregate tests run under: the defaults of application.yml. */
final class PolicyTesting {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String RETURN_ADDRESS = "Returns Centre, Shanghai";

    private PolicyTesting() {
    }

    static RefundPolicySettings settings(RefundPolicySettings.WindowStart windowStart, Map<String, Money> fees) {
        return new RefundPolicySettings("2026.11-1", 30, windowStart, SHANGHAI, fees, Money.of("5000.00", "CNY"),
                Duration.ofDays(2), Duration.ofDays(3), RETURN_ADDRESS, NotificationChannel.EMAIL);
    }

    static RefundPolicy standardPolicy() {
        return new RefundPolicy(settings(RefundPolicySettings.WindowStart.PURCHASE, Map.of()));
    }
}
