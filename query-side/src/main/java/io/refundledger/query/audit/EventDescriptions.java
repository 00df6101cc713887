package io.refundledger.query.audit;

import io.refundledger.events.common.Money;
import io.refundledger.events.order.OrderRefundReleased;
import io.refundledger.events.order.OrderRefundReserved;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.FirstApprovalGiven;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.MoreInformationProvided;
import io.refundledger.events.refund.MoreInformationRequested;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PayoutFailed;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.PayoutStarted;
import io.refundledger.events.refund.PayoutSucceeded;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationAssigned;
import io.refundledger.events.refund.RefundApplicationEscalated;
import io.refundledger.events.refund.RefundApplicationRejected;
import io.refundledger.events.refund.RefundApplicationResubmitted;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundApplicationWithdrawn;
import io.refundledger.events.refund.RefundPolicyEvaluated;
import io.refundledger.events.refund.RefundType;
import io.refundledger.events.refund.ReplacementShipped;
import io.refundledger.events.refund.ReturnAuthorized;
import io.refundledger.events.refund.ReturnInspected;
import io.refundledger.events.refund.ReturnReceived;
import io.refundledger.events.refund.ReturnShipped;
import io.refundledger.events.refund.SatisfactionRated;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One sentence per event, in Chinese and English, for people settling a dispute who should not have to read
 * payloads: "reviewer 批准退款 ¥1,000.00" / "reviewer approved a refund of CNY 1,000.00". Pure; an event type
 * it does not know gets a generic sentence naming the type, never an error.
 */
public final class EventDescriptions {

    /** Shown when an event carries no actor: it was written by the system (a scheduler, a process). */
    static final String SYSTEM_ZH = "系统";
    static final String SYSTEM_EN = "the system";

    private EventDescriptions() {
    }

    /** @param actor who caused the event (metadata), null for the system */
    public static Description describe(Object event, String actor) {
        String a = actor == null || actor.isBlank() ? SYSTEM_ZH : actor;
        String e = actor == null || actor.isBlank() ? SYSTEM_EN : actor;
        if (event instanceof RefundApplicationSubmitted s) {
            return new Description(
                    a + " 提交退款申请 " + s.applicationNumber() + "（" + zh(s.type()) + "），申请金额 " + zh(s.requestedAmount())
                            + "，实付 " + zh(s.paidAmount()),
                    e + " submitted refund application " + s.applicationNumber() + " (" + en(s.type()) + ") for "
                            + en(s.requestedAmount()) + " of " + en(s.paidAmount()) + " paid");
        }
        if (event instanceof RefundPolicyEvaluated p) {
            return new Description(
                    "按退款政策 " + p.policyVersion() + " 评估：" + (p.withinPolicy() ? "符合政策" : "不符合政策")
                            + "，可退 " + zh(p.eligibleAmount()) + (p.secondApprovalRequired() ? "，需二次审批" : ""),
                    "Refund policy " + p.policyVersion() + " evaluated: " + (p.withinPolicy() ? "within policy" : "outside policy")
                            + ", eligible " + en(p.eligibleAmount()) + (p.secondApprovalRequired() ? ", second approval required" : ""));
        }
        if (event instanceof RefundApplicationAssigned s) {
            return s.previousReviewerId() == null
                    ? new Description(a + " 将申请分配给 " + s.reviewerId(), e + " assigned the application to " + s.reviewerId())
                    : new Description(a + " 将申请从 " + s.previousReviewerId() + " 改派给 " + s.reviewerId(),
                    e + " reassigned the application from " + s.previousReviewerId() + " to " + s.reviewerId());
        }
        if (event instanceof MoreInformationRequested r) {
            return new Description(a + " 要求补充资料：“" + r.question() + "”", e + " asked for more information: “" + r.question() + "”");
        }
        if (event instanceof MoreInformationProvided p) {
            int n = p.attachmentReferences() == null ? 0 : p.attachmentReferences().size();
            return new Description(a + " 补充了资料" + (n == 0 ? "" : "（" + n + " 个附件）") + "：“" + p.answer() + "”",
                    e + " provided more information" + (n == 0 ? "" : " (" + n + (n == 1 ? " attachment)" : " attachments)"))
                            + ": “" + p.answer() + "”");
        }
        if (event instanceof FirstApprovalGiven f) {
            return new Description(a + " 初审批准 " + zh(f.approvedAmount()) + "，待二次审批",
                    e + " gave the first approval of " + en(f.approvedAmount()) + ", awaiting a second approval");
        }
        if (event instanceof RefundApplicationApproved ap) {
            String firstZh = ap.firstApprovedBy() == null ? "" : "（二次审批，初审人 " + ap.firstApprovedBy() + "）";
            String firstEn = ap.firstApprovedBy() == null ? "" : " (second approval; first approval by " + ap.firstApprovedBy() + ")";
            return new Description(a + " 批准退款 " + zh(ap.approvedAmount()) + firstZh,
                    e + " approved a refund of " + en(ap.approvedAmount()) + firstEn);
        }
        if (event instanceof RefundApplicationRejected r) {
            return new Description(a + " 拒绝退款申请：" + r.reason(), e + " rejected the application: " + r.reason());
        }
        if (event instanceof RefundApplicationResubmitted r) {
            return new Description(a + " 修改后重新提交申请，申请金额 " + zh(r.requestedAmount()),
                    e + " resubmitted the amended application for " + en(r.requestedAmount()));
        }
        if (event instanceof RefundApplicationWithdrawn w) {
            return new Description(a + " 撤回申请：" + w.reason(), e + " withdrew the application: " + w.reason());
        }
        if (event instanceof ReturnAuthorized r) {
            return new Description(a + " 同意退货 " + r.returnAuthorizationNumber() + "，寄回 " + r.returnAddress(),
                    e + " authorised return " + r.returnAuthorizationNumber() + " to " + r.returnAddress());
        }
        if (event instanceof ReturnShipped s) {
            return new Description(a + " 寄回商品（" + s.carrier() + " " + s.trackingNumber() + "）",
                    e + " shipped the goods back (" + s.carrier() + " " + s.trackingNumber() + ")");
        }
        if (event instanceof ReturnReceived) {
            return new Description(a + " 确认收到退货", e + " confirmed receipt of the returned goods");
        }
        if (event instanceof ReturnInspected i) {
            boolean passed = i.outcome() == InspectionOutcome.PASSED;
            return new Description(
                    a + " 验货" + (passed ? "通过" : "未通过") + (i.adjustedAmount() == null ? "" : "，退款金额调整为 " + zh(i.adjustedAmount())),
                    e + " inspected the returned goods: " + (passed ? "passed" : "failed")
                            + (i.adjustedAmount() == null ? "" : ", refund adjusted to " + en(i.adjustedAmount())));
        }
        if (event instanceof ReplacementShipped s) {
            return new Description(a + " 发出换货（" + s.carrier() + " " + s.trackingNumber() + "）",
                    e + " shipped the replacement (" + s.carrier() + " " + s.trackingNumber() + ")");
        }
        if (event instanceof PayoutStarted p) {
            return new Description(a + " 发起第 " + p.attempt() + " 次打款 " + zh(p.amount()) + "（" + zh(p.method()) + "）",
                    e + " started payout attempt " + p.attempt() + " of " + en(p.amount()) + " " + en(p.method()));
        }
        if (event instanceof PayoutFailed f) {
            return new Description(a + " 记录打款失败：" + f.reason(), e + " recorded a failed payout: " + f.reason());
        }
        if (event instanceof PayoutSucceeded s) {
            return new Description(a + " 确认打款成功 " + zh(s.amount()) + "（流水号 " + s.externalReference() + "）",
                    e + " confirmed a payout of " + en(s.amount()) + " (reference " + s.externalReference() + ")");
        }
        if (event instanceof SatisfactionRated r) {
            String comment = r.comment() == null ? "" : "：“" + r.comment() + "”";
            return new Description(a + " 评分 " + r.rating() + "/5" + comment,
                    e + " rated the handling " + r.rating() + "/5" + (r.comment() == null ? "" : ": “" + r.comment() + "”"));
        }
        if (event instanceof CustomerNotificationRequested n) {
            return new Description(a + " 请求通过" + zh(n.channel()) + "通知客户（模板 " + n.template() + "）",
                    e + " requested a notification to the customer by " + en(n.channel()) + " (template " + n.template() + ")");
        }
        if (event instanceof RefundApplicationEscalated s) {
            boolean review = s.deadline() == DeadlineKind.REVIEW;
            return new Description((review ? "审核" : "打款") + "时限 " + s.dueAt() + " 已过，申请已升级",
                    "The " + (review ? "review" : "payout") + " deadline " + s.dueAt() + " passed; the application was escalated");
        }
        if (event instanceof OrderRefundReserved r) {
            return new Description(a + " 在订单 " + r.orderId() + " 上预留退款 " + zh(r.amount()) + "（累计预留 "
                    + zh(r.totalReserved()) + "，实付 " + zh(r.paidAmount()) + "）",
                    e + " reserved " + en(r.amount()) + " against order " + r.orderId() + " (" + en(r.totalReserved())
                            + " reserved in total of " + en(r.paidAmount()) + " paid)");
        }
        if (event instanceof OrderRefundReleased r) {
            return new Description(a + " 释放订单 " + r.orderId() + " 的预留退款 " + zh(r.amount()) + "（仍预留 " + zh(r.totalReserved()) + "）",
                    e + " released " + en(r.amount()) + " reserved against order " + r.orderId() + " (" + en(r.totalReserved())
                            + " still reserved)");
        }
        Optional<Description> ofSubscription = SubscriptionEventDescriptions.describe(event, a, e);
        if (ofSubscription.isPresent()) {
            return ofSubscription.get();
        }
        return unknown(event == null ? "unknown" : event.getClass().getSimpleName(), actor);
    }

    /** For an event whose type this build does not know (written by a newer version, or retired). */
    public static Description unknown(String eventType, String actor) {
        String a = actor == null || actor.isBlank() ? SYSTEM_ZH : actor;
        String e = actor == null || actor.isBlank() ? SYSTEM_EN : actor;
        return new Description(a + " 记录了事件 " + eventType, e + " recorded an event of type " + eventType);
    }

    /**
     * Every refund and order-ledger event type with its own sentence; the test walks this list so none is left
     * generic. Subscription events are listed in {@link SubscriptionEventDescriptions#DESCRIBED}.
     */
    static final List<Class<?>> DESCRIBED = List.of(RefundApplicationSubmitted.class, RefundPolicyEvaluated.class,
            RefundApplicationAssigned.class, MoreInformationRequested.class, MoreInformationProvided.class,
            FirstApprovalGiven.class, RefundApplicationApproved.class, RefundApplicationRejected.class,
            RefundApplicationResubmitted.class, RefundApplicationWithdrawn.class, ReturnAuthorized.class,
            ReturnShipped.class, ReturnReceived.class, ReturnInspected.class, ReplacementShipped.class,
            PayoutStarted.class, PayoutFailed.class, PayoutSucceeded.class, SatisfactionRated.class,
            CustomerNotificationRequested.class, RefundApplicationEscalated.class, OrderRefundReserved.class,
            OrderRefundReleased.class);

    // ------------------------------------------------------------------------------------------- words

    /** {@code ¥1,000.00} for yuan, {@code USD 12.50} otherwise. */
    static String zh(Money money) {
        if (money == null) {
            return "—";
        }
        return "CNY".equals(money.currency()) ? "¥" + grouped(money) : money.currency() + " " + grouped(money);
    }

    /** {@code CNY 1,000.00}. */
    static String en(Money money) {
        return money == null ? "—" : money.currency() + " " + grouped(money);
    }

    /** Grouped, with the currency's minor units (2 for yuan, 0 for yen). */
    private static String grouped(Money money) {
        int digits = minorUnits(money.currency());
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(Math.max(digits, money.amount().scale()));
        format.setMaximumFractionDigits(Math.max(digits, money.amount().scale()));
        return format.format(money.amount());
    }

    private static int minorUnits(String currency) {
        try {
            return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private static String zh(RefundType type) {
        if (type == null) {
            return "类型未知";
        }
        return switch (type) {
            case REFUND_ONLY -> "仅退款";
            case RETURN_AND_REFUND -> "退货退款";
            case EXCHANGE -> "换货";
        };
    }

    private static String en(RefundType type) {
        if (type == null) {
            return "type unknown";
        }
        return switch (type) {
            case REFUND_ONLY -> "refund only";
            case RETURN_AND_REFUND -> "return and refund";
            case EXCHANGE -> "exchange";
        };
    }

    private static String zh(PayoutMethod method) {
        if (method == null) {
            return "方式未知";
        }
        return switch (method) {
            case ORIGINAL_PAYMENT -> "原路退回";
            case ACCOUNT_BALANCE -> "退至账户余额";
            case THIRD_PARTY -> "第三方支付";
            case BANK_TRANSFER -> "银行转账";
        };
    }

    private static String en(PayoutMethod method) {
        if (method == null) {
            return "by an unknown method";
        }
        return switch (method) {
            case ORIGINAL_PAYMENT -> "to the original payment method";
            case ACCOUNT_BALANCE -> "to the account balance";
            case THIRD_PARTY -> "through a third party";
            case BANK_TRANSFER -> "by bank transfer";
        };
    }

    private static String zh(NotificationChannel channel) {
        if (channel == null) {
            return "未知渠道";
        }
        return switch (channel) {
            case EMAIL -> "邮件";
            case SMS -> "短信";
            case PHONE -> "电话";
            case IN_APP -> "站内信";
        };
    }

    private static String en(NotificationChannel channel) {
        if (channel == null) {
            return "notification";
        }
        return switch (channel) {
            case EMAIL -> "email";
            case SMS -> "SMS";
            case PHONE -> "phone";
            case IN_APP -> "in-app";
        };
    }
}
