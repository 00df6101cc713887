package io.refundledger.query.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.events.common.MetadataKeys;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.PenaltyKind;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementLineKind;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionPersonalDataPurged;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;
import io.refundledger.infrastructure.privacy.PersonalDataVault;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subscription events as the command side writes them, for a yearly CRM subscription of 1,200.00 CNY (after a
 * 100.00 discount that assumed the full term) cancelled mid-term: 170 days used, 195 unused.
 */
public final class SubscriptionEvents {

    public static final String AGGREGATE_TYPE = "Subscription";
    public static final LocalDate TERM_START = LocalDate.parse("2026-01-01");
    public static final LocalDate TERM_END = LocalDate.parse("2027-01-01");
    public static final Instant STARTED_AT = Instant.parse("2025-12-31T02:00:00Z");
    /** 2026-06-19 10:00 in Shanghai: the immediate cancellation's last day of service is the 19th. */
    public static final Instant CANCELLED_AT = Instant.parse("2026-06-19T02:00:00Z");
    public static final LocalDate EFFECTIVE_DATE = LocalDate.parse("2026-06-20");
    public static final LocalDate RETAINED_UNTIL = LocalDate.parse("2026-09-18");
    public static final ContractTerms TERMS = new ContractTerms(12,
            new EarlyTerminationPenalty(PenaltyKind.PERCENT_OF_REMAINING, new BigDecimal("20"), null, cny("100")), 30, 90);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionEvents() {
    }

    public static String newSubscriptionId() {
        return "SUB-" + UUID.randomUUID();
    }

    public static Money cny(String amount) {
        return Money.of(amount, "CNY");
    }

    public static Map<String, String> by(String actor, String roles) {
        return Map.of(MetadataKeys.ACTOR, actor, MetadataKeys.ACTOR_ROLES, roles);
    }

    public static Map<String, String> bySystem() {
        return Map.of(MetadataKeys.ACTOR, "system", MetadataKeys.CHANNEL, "process-manager");
    }

    /** The contact as the command side encrypts it: a small JSON object under the subscription's key. */
    public static EncryptedPersonalData contact(PersonalDataVault vault, String subscriptionId, String name, String email) {
        try {
            return vault.encrypt(keyId(subscriptionId),
                    JSON.writeValueAsBytes(Map.of("name", name, "email", email, "phone", "+86 138 0013 8000")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keyId(String subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    public static SubscriptionStarted started(String subscriptionId, String customerId, EncryptedPersonalData contact) {
        return new SubscriptionStarted(subscriptionId, customerId, "SMB", "CRM-PRO-ANNUAL", "crm-mobile", 10, TERM_START,
                TERM_END, cny("1200"), cny("100"), TERMS, true, contact, STARTED_AT);
    }

    public static SubscriptionCancellationRequested cancellationRequested(String subscriptionId, String cancellationId,
                                                                          String customerId) {
        return new SubscriptionCancellationRequested(subscriptionId, cancellationId, customerId, CancellationReason.PRICE,
                "太贵了 (too expensive)", CancellationEffect.IMMEDIATELY, EFFECTIVE_DATE, CANCELLED_AT);
    }

    public static CancellationSettlementCalculated settlement(String subscriptionId, String cancellationId) {
        return new CancellationSettlementCalculated(subscriptionId, cancellationId, "settlement-2026-06", TERM_START,
                TERM_END, EFFECTIVE_DATE, 365, 170, 195, cny("1200"), cny("641.10"), cny("100"), cny("100"), cny("441.10"),
                List.of(new SettlementLine(SettlementLineKind.PREPAID_FOR_TERM, cny("1200"), "Prepaid for 2026-01-01 to 2026-12-31"),
                        new SettlementLine(SettlementLineKind.UNUSED_PREPAID_VALUE, cny("641.10"), "1200.00 CNY × 195 / 365 days"),
                        new SettlementLine(SettlementLineKind.EARLY_TERMINATION_PENALTY, cny("-100"),
                                "20% of 641.10 CNY = 128.22 CNY, capped at 100.00 CNY"),
                        new SettlementLine(SettlementLineKind.DISCOUNT_CLAWBACK, cny("-100"),
                                "Discount of 100.00 CNY granted for the full term"),
                        new SettlementLine(SettlementLineKind.NET_REFUND, cny("441.10"), "641.10 − 100.00 − 100.00")),
                CANCELLED_AT);
    }

    public static AutoRenewalSwitchedOff autoRenewalOff(String subscriptionId, String cancellationId) {
        return new AutoRenewalSwitchedOff(subscriptionId, cancellationId, CANCELLED_AT);
    }

    public static SubscriptionDataExportRequested exportRequested(String subscriptionId, String cancellationId, String exportId) {
        return new SubscriptionDataExportRequested(subscriptionId, cancellationId, exportId, "json", CANCELLED_AT.plusSeconds(5));
    }

    public static SubscriptionDataExportCompleted exportCompleted(String subscriptionId, String exportId) {
        return new SubscriptionDataExportCompleted(subscriptionId, exportId, "exports/" + exportId + ".json",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", CANCELLED_AT.plusSeconds(10));
    }

    public static SubscriptionAccountsDeactivated deactivated(String subscriptionId, String cancellationId) {
        return new SubscriptionAccountsDeactivated(subscriptionId, cancellationId, 10, CANCELLED_AT.plusSeconds(15));
    }

    public static SubscriptionTerminated terminated(String subscriptionId, String cancellationId) {
        return new SubscriptionTerminated(subscriptionId, cancellationId, "TC-20260619-000007", EFFECTIVE_DATE,
                cny("441.10"), RETAINED_UNTIL, CANCELLED_AT.plusSeconds(20));
    }

    /** The linked refund as the process manager opens it: it names the subscription. */
    public static RefundApplicationSubmitted refundSubmitted(String applicationId, String applicationNumber,
                                                             String subscriptionId, String customerId) {
        return new RefundApplicationSubmitted(applicationId, applicationNumber, customerId, "subscription:" + subscriptionId,
                RefundType.REFUND_ONLY, cny("1200"), cny("441.10"), RefundReasonCategory.BUSINESS_CHANGE,
                "Settlement of cancellation", PayoutMethod.ORIGINAL_PAYMENT, TERM_START.atStartOfDay().toInstant(java.time.ZoneOffset.ofHours(8)),
                CANCELLED_AT.plusSeconds(25), null, ProductUsage.NOT_STATED, null, null, null, "crm-mobile", "SMB", subscriptionId);
    }

    public static SettlementRefundRequested refundRequested(String subscriptionId, String cancellationId,
                                                            String applicationId, String applicationNumber) {
        return new SettlementRefundRequested(subscriptionId, cancellationId, applicationId, applicationNumber,
                cny("441.10"), CANCELLED_AT.plusSeconds(30));
    }

    public static SettlementStatusChanged settlementStatus(String subscriptionId, String cancellationId, String applicationId,
                                                           SettlementStatus status, Instant at) {
        return new SettlementStatusChanged(subscriptionId, cancellationId, applicationId, status, cny("441.10"), at);
    }

    public static SubscriptionPersonalDataPurged purged(String subscriptionId, String customerId) {
        return new SubscriptionPersonalDataPurged(subscriptionId, customerId, keyId(subscriptionId), RETAINED_UNTIL,
                Instant.parse("2026-09-19T00:00:05Z"));
    }
}
