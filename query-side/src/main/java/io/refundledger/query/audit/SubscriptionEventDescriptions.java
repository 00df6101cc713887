package io.refundledger.query.audit;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.AutoRenewalSwitchedOff;
import io.refundledger.events.subscription.AutoRenewalSwitchedOn;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.ContractTerms;
import io.refundledger.events.subscription.EarlyTerminationPenalty;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementRefundRequested;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SettlementStatusChanged;
import io.refundledger.events.subscription.SubscriptionAccountsDeactivated;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRequested;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionDataExportCompleted;
import io.refundledger.events.subscription.SubscriptionDataExportRequested;
import io.refundledger.events.subscription.SubscriptionPersonalDataPurged;
import io.refundledger.events.subscription.SubscriptionRenewed;
import io.refundledger.events.subscription.SubscriptionSeatsChanged;
import io.refundledger.events.subscription.SubscriptionStarted;
import io.refundledger.events.subscription.SubscriptionTerminated;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.refundledger.query.audit.EventDescriptions.en;
import static io.refundledger.query.audit.EventDescriptions.zh;

/**
 * The sentences for subscription events (退订 and the rest of a subscription's life), in Chinese and English:
 * "客户申请退订，立即生效，原因：价格…" / "The customer asked to cancel, effective immediately, reason: price…". A
 * settlement reads as its lines, so an auditor sees how the refund came about without opening the payload.
 * Personal data never appears: the contact is ciphertext in the event and is not decrypted here.
 */
final class SubscriptionEventDescriptions {

    /** Every subscription event type with its own sentence; the test walks this list so none is left generic. */
    static final List<Class<?>> DESCRIBED = List.of(SubscriptionStarted.class, SubscriptionRenewed.class,
            AutoRenewalSwitchedOff.class, AutoRenewalSwitchedOn.class, SubscriptionSeatsChanged.class,
            SubscriptionCancellationRequested.class, SubscriptionCancellationRefused.class,
            CancellationSettlementCalculated.class, SubscriptionCancellationRevoked.class,
            SubscriptionDataExportRequested.class, SubscriptionDataExportCompleted.class,
            SubscriptionAccountsDeactivated.class, SubscriptionTerminated.class, SettlementRefundRequested.class,
            SettlementStatusChanged.class, SubscriptionPersonalDataPurged.class);

    private SubscriptionEventDescriptions() {
    }

    /**
     * @param a the actor for the Chinese sentence ("系统" for the system)
     * @param e the actor for the English sentence ("the system")
     * @return empty for an event that is not a subscription event
     */
    static Optional<Description> describe(Object event, String a, String e) {
        if (event instanceof SubscriptionStarted s) {
            return Optional.of(new Description(
                    a + " 为客户 " + s.customerId() + " 开通订阅 " + s.subscriptionId() + "（套餐 " + s.planCode() + "，"
                            + s.seats() + " 个席位），服务期 " + s.termStart() + " 至 " + lastDay(s.termEnd()) + "，预付 "
                            + zh(s.prepaidAmount()) + discountZh(s.termDiscount()) + "，自动续费" + (s.autoRenewal() ? "开启" : "关闭")
                            + "；合同条款：" + termsZh(s.terms()),
                    e + " started subscription " + s.subscriptionId() + " for customer " + s.customerId() + " (plan "
                            + s.planCode() + ", " + seats(s.seats()) + "), term " + s.termStart() + " to " + lastDay(s.termEnd())
                            + ", prepaid " + en(s.prepaidAmount()) + discountEn(s.termDiscount()) + ", auto-renewal "
                            + (s.autoRenewal() ? "on" : "off") + "; contract terms: " + termsEn(s.terms())));
        }
        if (event instanceof SubscriptionRenewed r) {
            return Optional.of(new Description(
                    a + " 续订，新服务期 " + r.termStart() + " 至 " + lastDay(r.termEnd()) + "，预付 " + zh(r.prepaidAmount())
                            + discountZh(r.termDiscount()),
                    e + " renewed the subscription for " + r.termStart() + " to " + lastDay(r.termEnd()) + ", prepaid "
                            + en(r.prepaidAmount()) + discountEn(r.termDiscount())));
        }
        if (event instanceof AutoRenewalSwitchedOff o) {
            return Optional.of(o.becauseOfCancellationId() == null
                    ? new Description(a + " 关闭自动续费", e + " switched auto-renewal off")
                    : new Description(a + " 因退订 " + o.becauseOfCancellationId() + " 关闭自动续费",
                    e + " switched auto-renewal off because of cancellation " + o.becauseOfCancellationId()));
        }
        if (event instanceof AutoRenewalSwitchedOn) {
            return Optional.of(new Description(a + " 开启自动续费", e + " switched auto-renewal on"));
        }
        if (event instanceof SubscriptionSeatsChanged s) {
            return Optional.of(new Description(a + " 将席位数从 " + s.previousSeats() + " 调整为 " + s.seats(),
                    e + " changed the seats from " + s.previousSeats() + " to " + s.seats()));
        }
        if (event instanceof SubscriptionCancellationRequested c) {
            String textZh = c.reasonText() == null || c.reasonText().isBlank() ? "" : "（“" + c.reasonText() + "”）";
            String textEn = c.reasonText() == null || c.reasonText().isBlank() ? "" : " (“" + c.reasonText() + "”)";
            return Optional.of(new Description(
                    "客户申请退订，" + effectZh(c.effect()) + "，原因：" + reasonZh(c.reason()) + textZh + "，自 " + c.effectiveDate()
                            + " 起停止服务，经办：" + a,
                    "The customer asked to cancel, " + effectEn(c.effect()) + ", reason: " + reasonEn(c.reason()) + textEn
                            + ", no service from " + c.effectiveDate() + ", recorded by " + e));
        }
        if (event instanceof SubscriptionCancellationRefused r) {
            return Optional.of(new Description(
                    "退订申请（" + effectZh(r.effect()) + "，原因：" + reasonZh(r.reason()) + "）未被受理：" + r.detail() + "（规则 "
                            + r.code() + "，经办：" + a + "）",
                    "A cancellation (" + effectEn(r.effect()) + ", reason: " + reasonEn(r.reason()) + ") was refused: " + r.detail()
                            + " (rule " + r.code() + ", recorded by " + e + ")"));
        }
        if (event instanceof CancellationSettlementCalculated s) {
            return Optional.of(new Description(
                    "按退订结算政策 " + s.policyVersion() + " 结算：服务期 " + s.termDays() + " 天，已用 " + s.usedDays()
                            + " 天，未用 " + s.unusedDays() + " 天；" + linesZh(s.lines()),
                    "Settled under cancellation policy " + s.policyVersion() + ": term of " + s.termDays() + " days, "
                            + s.usedDays() + " used, " + s.unusedDays() + " unused; " + linesEn(s.lines())));
        }
        if (event instanceof SubscriptionCancellationRevoked r) {
            String textZh = r.reasonText() == null || r.reasonText().isBlank() ? "" : "：" + r.reasonText();
            String textEn = r.reasonText() == null || r.reasonText().isBlank() ? "" : ": " + r.reasonText();
            return Optional.of(new Description(a + " 撤销退订 " + r.cancellationId() + "，订阅继续" + textZh,
                    e + " revoked cancellation " + r.cancellationId() + "; the subscription continues" + textEn));
        }
        if (event instanceof SubscriptionDataExportRequested x) {
            return Optional.of(new Description(a + " 请求导出客户数据（导出 " + x.exportId() + "，格式 " + x.format() + "）",
                    e + " requested an export of the customer's data (export " + x.exportId() + ", format " + x.format() + ")"));
        }
        if (event instanceof SubscriptionDataExportCompleted x) {
            String sumZh = x.checksum() == null ? "" : "，SHA-256 " + x.checksum();
            String sumEn = x.checksum() == null ? "" : ", SHA-256 " + x.checksum();
            return Optional.of(new Description(a + " 完成数据导出 " + x.exportId() + "（位置 " + x.exportReference() + sumZh + "）",
                    e + " completed data export " + x.exportId() + " (at " + x.exportReference() + sumEn + ")"));
        }
        if (event instanceof SubscriptionAccountsDeactivated d) {
            return Optional.of(new Description(a + " 停用了 " + d.accountCount() + " 个用户账号",
                    e + " deactivated " + d.accountCount() + (d.accountCount() == 1 ? " user account" : " user accounts")));
        }
        if (event instanceof SubscriptionTerminated t) {
            return Optional.of(new Description(
                    a + " 确认终止订阅，确认号 " + t.confirmationNumber() + "，自 " + t.effectiveDate() + " 起停止服务，应退 "
                            + zh(t.netRefund()) + "，个人数据保留至 " + t.personalDataRetainedUntil(),
                    e + " confirmed the termination, confirmation number " + t.confirmationNumber() + ", no service from "
                            + t.effectiveDate() + ", net refund " + en(t.netRefund()) + ", personal data kept until "
                            + t.personalDataRetainedUntil()));
        }
        if (event instanceof SettlementRefundRequested r) {
            return Optional.of(new Description(
                    a + " 为退订结算发起退款申请 " + r.applicationNumber() + "，金额 " + zh(r.amount()),
                    e + " opened refund application " + r.applicationNumber() + " for the settlement, " + en(r.amount())));
        }
        if (event instanceof SettlementStatusChanged c) {
            String amountZh = c.amount() == null ? "" : " " + zh(c.amount());
            String amountEn = c.amount() == null ? "" : ", " + en(c.amount());
            return Optional.of(new Description(
                    a + " 记录退订结算状态：" + statusZh(c.status()) + amountZh + "（退款申请 " + c.refundApplicationId() + "）",
                    e + " recorded the settlement status: " + statusEn(c.status()) + amountEn + " (refund application "
                            + c.refundApplicationId() + ")"));
        }
        if (event instanceof SubscriptionPersonalDataPurged p) {
            return Optional.of(new Description(
                    a + " 删除了订阅的个人数据（保留期至 " + p.retainedUntil() + "，密钥 " + p.keyId() + " 已销毁）",
                    e + " purged the subscription's personal data (kept until " + p.retainedUntil() + "; key " + p.keyId()
                            + " destroyed)"));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------- settlement lines

    /** "预付 ¥1,200.00；未用部分 +¥657.53；违约金 −¥131.51；应退 ¥526.02" */
    static String linesZh(List<SettlementLine> lines) {
        StringBuilder text = new StringBuilder();
        for (SettlementLine line : lines == null ? List.<SettlementLine>of() : lines) {
            if (!text.isEmpty()) {
                text.append("；");
            }
            text.append(labelZh(line)).append(' ').append(signed(line, true));
        }
        return text.toString();
    }

    static String linesEn(List<SettlementLine> lines) {
        StringBuilder text = new StringBuilder();
        for (SettlementLine line : lines == null ? List.<SettlementLine>of() : lines) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(labelEn(line)).append(' ').append(signed(line, false));
        }
        return text.toString();
    }

    /** Lines that add or deduct carry their sign; the prepaid amount and the net refund are plain figures. */
    private static String signed(SettlementLine line, boolean chinese) {
        Money amount = line.amount();
        if (amount == null) {
            return "—";
        }
        boolean informational = switch (line.kind()) {
            case PREPAID_FOR_TERM, NET_REFUND -> true;
            default -> false;
        };
        Money magnitude = new Money(amount.amount().abs(), amount.currency());
        String figure = chinese ? zh(magnitude) : en(magnitude);
        if (informational) {
            return amount.amount().signum() < 0 ? "−" + figure : figure;
        }
        return (amount.amount().signum() < 0 ? "−" : "+") + figure;
    }

    private static String labelZh(SettlementLine line) {
        return switch (line.kind()) {
            case PREPAID_FOR_TERM -> "本期预付";
            case UNUSED_PREPAID_VALUE -> "未用部分";
            case EARLY_TERMINATION_PENALTY -> "提前解约违约金";
            case DISCOUNT_CLAWBACK -> "优惠扣回";
            case FLOOR_AT_ZERO -> "退款不为负";
            case NET_REFUND -> "应退";
        };
    }

    private static String labelEn(SettlementLine line) {
        return switch (line.kind()) {
            case PREPAID_FOR_TERM -> "prepaid for the term";
            case UNUSED_PREPAID_VALUE -> "unused value";
            case EARLY_TERMINATION_PENALTY -> "early-termination penalty";
            case DISCOUNT_CLAWBACK -> "discount claw-back";
            case FLOOR_AT_ZERO -> "refund floored at zero";
            case NET_REFUND -> "net refund";
        };
    }

    // ------------------------------------------------------------------------------------------- words

    private static String lastDay(LocalDate exclusiveEnd) {
        return exclusiveEnd == null ? "—" : exclusiveEnd.minusDays(1).toString();
    }

    private static String seats(int seats) {
        return seats + (seats == 1 ? " seat" : " seats");
    }

    private static String discountZh(Money discount) {
        return discount == null || discount.isZero() ? "" : "（已享受以服务满期为条件的优惠 " + zh(discount) + "）";
    }

    private static String discountEn(Money discount) {
        return discount == null || discount.isZero() ? "" : " (after a full-term discount of " + en(discount) + ")";
    }

    private static String termsZh(ContractTerms terms) {
        if (terms == null) {
            return "未记录";
        }
        return "最短合同期 " + terms.minimumTermMonths() + " 个月，提前解约违约金" + penaltyZh(terms.penalty()) + "，到期退订需提前 "
                + terms.noticePeriodDays() + " 天通知，终止后个人数据保留 " + terms.dataRetentionDays() + " 天";
    }

    private static String termsEn(ContractTerms terms) {
        if (terms == null) {
            return "not recorded";
        }
        return "minimum term " + terms.minimumTermMonths() + " months, early-termination penalty " + penaltyEn(terms.penalty())
                + ", " + terms.noticePeriodDays() + " days' notice for an end-of-term cancellation, personal data kept "
                + terms.dataRetentionDays() + " days after termination";
    }

    private static String penaltyZh(EarlyTerminationPenalty p) {
        if (p == null || p.kind() == null) {
            return "：无";
        }
        String cap = p.cap() == null ? "" : "，上限 " + zh(p.cap());
        return switch (p.kind()) {
            case NONE -> "：无";
            case PERCENT_OF_REMAINING -> "：剩余价值的 " + plain(p.percent()) + "%" + cap;
            case FIXED_AMOUNT -> "：固定 " + zh(p.fixedAmount()) + cap;
        };
    }

    private static String penaltyEn(EarlyTerminationPenalty p) {
        if (p == null || p.kind() == null) {
            return "none";
        }
        String cap = p.cap() == null ? "" : ", capped at " + en(p.cap());
        return switch (p.kind()) {
            case NONE -> "none";
            case PERCENT_OF_REMAINING -> plain(p.percent()) + "% of the remaining value" + cap;
            case FIXED_AMOUNT -> "a fixed " + en(p.fixedAmount()) + cap;
        };
    }

    private static String plain(java.math.BigDecimal number) {
        return number == null ? "—" : number.stripTrailingZeros().toPlainString();
    }

    static String reasonZh(CancellationReason reason) {
        if (reason == null) {
            return "未说明";
        }
        return switch (reason) {
            case NO_LONGER_NEEDED -> "不再需要";
            case SYSTEM_PERFORMANCE -> "系统性能不稳定";
            case CONTRACT_TERMS -> "合同条款不合适";
            case SWITCHED_PROVIDER -> "改用其他服务商";
            case PRICE -> "价格";
            case OTHER -> "其他";
        };
    }

    static String reasonEn(CancellationReason reason) {
        if (reason == null) {
            return "not stated";
        }
        return switch (reason) {
            case NO_LONGER_NEEDED -> "no longer needed";
            case SYSTEM_PERFORMANCE -> "system performance";
            case CONTRACT_TERMS -> "contract terms";
            case SWITCHED_PROVIDER -> "switched provider";
            case PRICE -> "price";
            case OTHER -> "other";
        };
    }

    private static String effectZh(CancellationEffect effect) {
        if (effect == null) {
            return "生效时间未说明";
        }
        return switch (effect) {
            case IMMEDIATELY -> "立即生效";
            case END_OF_TERM -> "服务期结束时生效";
        };
    }

    private static String effectEn(CancellationEffect effect) {
        if (effect == null) {
            return "effect not stated";
        }
        return switch (effect) {
            case IMMEDIATELY -> "effective immediately";
            case END_OF_TERM -> "effective at the end of the term";
        };
    }

    private static String statusZh(SettlementStatus status) {
        if (status == null) {
            return "未知";
        }
        return switch (status) {
            case NOTHING_DUE -> "无需退款";
            case REFUND_DUE -> "待退款";
            case REFUND_REQUESTED -> "已发起退款";
            case REFUND_APPROVED -> "退款已批准";
            case REFUND_PAID -> "已退款";
            case REFUND_REJECTED -> "退款被拒绝";
            case REFUND_WITHDRAWN -> "退款已撤回";
        };
    }

    private static String statusEn(SettlementStatus status) {
        if (status == null) {
            return "unknown";
        }
        return switch (status) {
            case NOTHING_DUE -> "nothing due";
            case REFUND_DUE -> "refund due";
            case REFUND_REQUESTED -> "refund requested";
            case REFUND_APPROVED -> "refund approved";
            case REFUND_PAID -> "refund paid";
            case REFUND_REJECTED -> "refund rejected";
            case REFUND_WITHDRAWN -> "refund withdrawn";
        };
    }
}
