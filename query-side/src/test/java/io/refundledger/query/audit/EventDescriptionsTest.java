package io.refundledger.query.audit;

import io.refundledger.events.common.Money;
import io.refundledger.events.refund.DeadlineKind;
import io.refundledger.events.refund.InspectionOutcome;
import io.refundledger.events.refund.PayoutMethod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.refund.RefundEvents.approved;
import static io.refundledger.query.refund.RefundEvents.assigned;
import static io.refundledger.query.refund.RefundEvents.escalated;
import static io.refundledger.query.refund.RefundEvents.evaluated;
import static io.refundledger.query.refund.RefundEvents.firstApproval;
import static io.refundledger.query.refund.RefundEvents.informationProvided;
import static io.refundledger.query.refund.RefundEvents.informationRequested;
import static io.refundledger.query.refund.RefundEvents.inspected;
import static io.refundledger.query.refund.RefundEvents.notified;
import static io.refundledger.query.refund.RefundEvents.payoutFailed;
import static io.refundledger.query.refund.RefundEvents.payoutStarted;
import static io.refundledger.query.refund.RefundEvents.payoutSucceeded;
import static io.refundledger.query.refund.RefundEvents.rated;
import static io.refundledger.query.refund.RefundEvents.rejected;
import static io.refundledger.query.refund.RefundEvents.released;
import static io.refundledger.query.refund.RefundEvents.replacementShipped;
import static io.refundledger.query.refund.RefundEvents.reserved;
import static io.refundledger.query.refund.RefundEvents.resubmitted;
import static io.refundledger.query.refund.RefundEvents.returnAuthorized;
import static io.refundledger.query.refund.RefundEvents.returnReceived;
import static io.refundledger.query.refund.RefundEvents.returnShipped;
import static io.refundledger.query.refund.RefundEvents.secondApproval;
import static io.refundledger.query.refund.RefundEvents.submitted;
import static io.refundledger.query.refund.RefundEvents.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

/** Every event type reads as one plain sentence in Chinese and in English. */
class EventDescriptionsTest {

    private static final String ID = "6f1c2a9e-0000-4000-8000-000000000001";
    private static final Instant AT = Instant.parse("2026-11-23T02:15:00Z");
    private static final Money CNY_1000 = Money.of("1000", "CNY");

    /** One sample of every event type, with the sentences it must produce for actor "reviewer". */
    private static Map<Object, List<String>> samples() {
        Map<Object, List<String>> s = new LinkedHashMap<>();
        s.put(submitted(ID, "RF-20261123-000042", "C-1", "SO-1", AT),
                List.of("reviewer 提交退款申请 RF-20261123-000042（仅退款），申请金额 ¥1,200.00，实付 ¥1,299.00",
                        "reviewer submitted refund application RF-20261123-000042 (refund only) for CNY 1,200.00 of CNY 1,299.00 paid"));
        s.put(evaluated(ID, Money.of("1199", "CNY"), true, AT, AT),
                List.of("按退款政策 2026-11 评估：符合政策，可退 ¥1,199.00，需二次审批",
                        "Refund policy 2026-11 evaluated: within policy, eligible CNY 1,199.00, second approval required"));
        s.put(assigned(ID, "reviewer2", "reviewer", AT),
                List.of("reviewer 将申请从 reviewer 改派给 reviewer2", "reviewer reassigned the application from reviewer to reviewer2"));
        s.put(informationRequested(ID, "Invoice please", AT),
                List.of("reviewer 要求补充资料：“Invoice please”", "reviewer asked for more information: “Invoice please”"));
        s.put(informationProvided(ID, "Attached", List.of("inv-1", "inv-2"), AT),
                List.of("reviewer 补充了资料（2 个附件）：“Attached”", "reviewer provided more information (2 attachments): “Attached”"));
        s.put(firstApproval(ID, "1000", AT),
                List.of("reviewer 初审批准 ¥1,000.00，待二次审批", "reviewer gave the first approval of CNY 1,000.00, awaiting a second approval"));
        s.put(approved(ID, "1000", AT),
                List.of("reviewer 批准退款 ¥1,000.00", "reviewer approved a refund of CNY 1,000.00"));
        s.put(rejected(ID, AT),
                List.of("reviewer 拒绝退款申请：Outside the 7-day return window",
                        "reviewer rejected the application: Outside the 7-day return window"));
        s.put(resubmitted(ID, "900", AT),
                List.of("reviewer 修改后重新提交申请，申请金额 ¥900.00", "reviewer resubmitted the amended application for CNY 900.00"));
        s.put(withdrawn(ID, AT),
                List.of("reviewer 撤回申请：Customer kept the product", "reviewer withdrew the application: Customer kept the product"));
        s.put(returnAuthorized(ID, AT),
                List.of("reviewer 同意退货 RA-6f1c2a9e，寄回 Warehouse 3, Shanghai",
                        "reviewer authorised return RA-6f1c2a9e to Warehouse 3, Shanghai"));
        s.put(returnShipped(ID, AT),
                List.of("reviewer 寄回商品（SF Express SF1234567890）", "reviewer shipped the goods back (SF Express SF1234567890)"));
        s.put(returnReceived(ID, AT), List.of("reviewer 确认收到退货", "reviewer confirmed receipt of the returned goods"));
        s.put(inspected(ID, InspectionOutcome.FAILED, Money.of("800", "CNY"), AT),
                List.of("reviewer 验货未通过，退款金额调整为 ¥800.00",
                        "reviewer inspected the returned goods: failed, refund adjusted to CNY 800.00"));
        s.put(replacementShipped(ID, AT),
                List.of("reviewer 发出换货（JD Logistics JD0001）", "reviewer shipped the replacement (JD Logistics JD0001)"));
        s.put(payoutStarted(ID, "P-1", CNY_1000, PayoutMethod.ORIGINAL_PAYMENT, 2, AT),
                List.of("reviewer 发起第 2 次打款 ¥1,000.00（原路退回）",
                        "reviewer started payout attempt 2 of CNY 1,000.00 to the original payment method"));
        s.put(payoutFailed(ID, "P-1", "Card expired", AT),
                List.of("reviewer 记录打款失败：Card expired", "reviewer recorded a failed payout: Card expired"));
        s.put(payoutSucceeded(ID, "P-2", CNY_1000, PayoutMethod.BANK_TRANSFER, AT),
                List.of("reviewer 确认打款成功 ¥1,000.00（流水号 EXT-P-2）", "reviewer confirmed a payout of CNY 1,000.00 (reference EXT-P-2)"));
        s.put(rated(ID, 4, AT),
                List.of("reviewer 评分 4/5：“Quick and clear”", "reviewer rated the handling 4/5: “Quick and clear”"));
        s.put(notified(ID, "N-1", "refund-approved", AT),
                List.of("reviewer 请求通过短信通知客户（模板 refund-approved）",
                        "reviewer requested a notification to the customer by SMS (template refund-approved)"));
        s.put(escalated(ID, DeadlineKind.REVIEW, AT, AT.plusSeconds(60)),
                List.of("审核时限 2026-11-23T02:15:00Z 已过，申请已升级",
                        "The review deadline 2026-11-23T02:15:00Z passed; the application was escalated"));
        s.put(reserved("SO-1", ID, CNY_1000, Money.of("1299", "CNY"), Money.of("1200", "CNY"), AT),
                List.of("reviewer 在订单 SO-1 上预留退款 ¥1,000.00（累计预留 ¥1,200.00，实付 ¥1,299.00）",
                        "reviewer reserved CNY 1,000.00 against order SO-1 (CNY 1,200.00 reserved in total of CNY 1,299.00 paid)"));
        s.put(released("SO-1", ID, CNY_1000, Money.of("200", "CNY"), AT),
                List.of("reviewer 释放订单 SO-1 的预留退款 ¥1,000.00（仍预留 ¥200.00）",
                        "reviewer released CNY 1,000.00 reserved against order SO-1 (CNY 200.00 still reserved)"));
        return s;
    }

    @Test
    void every_event_type_has_its_own_sentence_in_both_languages() {
        Map<Object, List<String>> samples = samples();
        assertThat(samples.keySet().stream().map(Object::getClass).distinct().toList())
                .as("a sample for every described event type")
                .containsExactlyInAnyOrderElementsOf(EventDescriptions.DESCRIBED);
        samples.forEach((event, expected) -> {
            Description description = EventDescriptions.describe(event, "reviewer");
            assertThat(description.zhCN()).as(event.getClass().getSimpleName() + " zh-CN").isEqualTo(expected.get(0));
            assertThat(description.en()).as(event.getClass().getSimpleName() + " en").isEqualTo(expected.get(1));
        });
    }

    @Test
    void an_approval_reads_as_who_approved_how_much() {
        Description d = EventDescriptions.describe(approved(ID, "1000.00", AT), "reviewer");

        assertThat(d.zhCN()).isEqualTo("reviewer 批准退款 ¥1,000.00");
        assertThat(d.en()).isEqualTo("reviewer approved a refund of CNY 1,000.00");
    }

    @Test
    void a_second_approval_names_the_first_approver() {
        Description d = EventDescriptions.describe(secondApproval(ID, "25000", "reviewer", AT), "finance");

        assertThat(d.zhCN()).isEqualTo("finance 批准退款 ¥25,000.00（二次审批，初审人 reviewer）");
        assertThat(d.en()).isEqualTo("finance approved a refund of CNY 25,000.00 (second approval; first approval by reviewer)");
    }

    @Test
    void an_event_without_an_actor_was_the_systems_doing() {
        Description d = EventDescriptions.describe(payoutFailed(ID, "P-1", "Bank timeout", AT), null);

        assertThat(d.zhCN()).isEqualTo("系统 记录打款失败：Bank timeout");
        assertThat(d.en()).isEqualTo("the system recorded a failed payout: Bank timeout");
    }

    @Test
    void other_currencies_are_named_with_their_own_minor_units() {
        assertThat(EventDescriptions.zh(Money.of("12.5", "USD"))).isEqualTo("USD 12.50");
        assertThat(EventDescriptions.zh(Money.of("1500", "JPY"))).isEqualTo("JPY 1,500");
        assertThat(EventDescriptions.en(Money.of("1234567.8", "CNY"))).isEqualTo("CNY 1,234,567.80");
    }

    @Test
    void an_unknown_event_type_gets_a_generic_sentence_not_an_error() {
        record GoodwillVoucherIssued(String applicationId) {
        }

        Description d = EventDescriptions.describe(new GoodwillVoucherIssued(ID), "admin");

        assertThat(d.zhCN()).isEqualTo("admin 记录了事件 GoodwillVoucherIssued");
        assertThat(d.en()).isEqualTo("admin recorded an event of type GoodwillVoucherIssued");
    }
}
