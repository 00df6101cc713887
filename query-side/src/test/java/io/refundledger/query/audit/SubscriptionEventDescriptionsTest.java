package io.refundledger.query.audit;

import io.refundledger.events.common.EncryptedPersonalData;
import io.refundledger.events.subscription.AutoRenewalSwitchedOn;
import io.refundledger.events.subscription.CancellationEffect;
import io.refundledger.events.subscription.CancellationReason;
import io.refundledger.events.subscription.CancellationSettlementCalculated;
import io.refundledger.events.subscription.SettlementLine;
import io.refundledger.events.subscription.SettlementLineKind;
import io.refundledger.events.subscription.SettlementStatus;
import io.refundledger.events.subscription.SubscriptionCancellationRefused;
import io.refundledger.events.subscription.SubscriptionCancellationRevoked;
import io.refundledger.events.subscription.SubscriptionRenewed;
import io.refundledger.events.subscription.SubscriptionSeatsChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.refundledger.query.subscription.SubscriptionEvents.autoRenewalOff;
import static io.refundledger.query.subscription.SubscriptionEvents.cancellationRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.cny;
import static io.refundledger.query.subscription.SubscriptionEvents.deactivated;
import static io.refundledger.query.subscription.SubscriptionEvents.exportCompleted;
import static io.refundledger.query.subscription.SubscriptionEvents.exportRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.purged;
import static io.refundledger.query.subscription.SubscriptionEvents.refundRequested;
import static io.refundledger.query.subscription.SubscriptionEvents.settlement;
import static io.refundledger.query.subscription.SubscriptionEvents.settlementStatus;
import static io.refundledger.query.subscription.SubscriptionEvents.started;
import static io.refundledger.query.subscription.SubscriptionEvents.terminated;
import static org.assertj.core.api.Assertions.assertThat;

/** Every subscription event reads as one plain sentence in Chinese and English, settlements line by line. */
class SubscriptionEventDescriptionsTest {

    private static final String S = "SUB-1";
    private static final String C = "CX-1";
    private static final Instant AT = Instant.parse("2026-06-19T02:00:00Z");

    private static Map<Object, List<String>> samples() {
        Map<Object, List<String>> s = new LinkedHashMap<>();
        s.put(started(S, "C-1", null),
                List.of("agent 为客户 C-1 开通订阅 SUB-1（套餐 CRM-PRO-ANNUAL，10 个席位），服务期 2026-01-01 至 2026-12-31，预付 ¥1,200.00（已享受以服务满期为条件的优惠 ¥100.00），自动续费开启；合同条款：最短合同期 12 个月，提前解约违约金：剩余价值的 20%，上限 ¥100.00，到期退订需提前 30 天通知，终止后个人数据保留 90 天",
                        "agent started subscription SUB-1 for customer C-1 (plan CRM-PRO-ANNUAL, 10 seats), term 2026-01-01 to 2026-12-31, prepaid CNY 1,200.00 (after a full-term discount of CNY 100.00), auto-renewal on; contract terms: minimum term 12 months, early-termination penalty 20% of the remaining value, capped at CNY 100.00, 30 days' notice for an end-of-term cancellation, personal data kept 90 days after termination"));
        s.put(new SubscriptionRenewed(S, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-01"),
                LocalDate.parse("2028-01-01"), cny("1300"), cny("0"), AT),
                List.of("agent 续订，新服务期 2027-01-01 至 2027-12-31，预付 ¥1,300.00",
                        "agent renewed the subscription for 2027-01-01 to 2027-12-31, prepaid CNY 1,300.00"));
        s.put(autoRenewalOff(S, C),
                List.of("agent 因退订 CX-1 关闭自动续费",
                        "agent switched auto-renewal off because of cancellation CX-1"));
        s.put(new AutoRenewalSwitchedOn(S, AT),
                List.of("agent 开启自动续费",
                        "agent switched auto-renewal on"));
        s.put(new SubscriptionSeatsChanged(S, 10, 1, AT),
                List.of("agent 将席位数从 10 调整为 1",
                        "agent changed the seats from 10 to 1"));
        s.put(cancellationRequested(S, C, "C-1"),
                List.of("客户申请退订，立即生效，原因：价格（“太贵了 (too expensive)”），自 2026-06-20 起停止服务，经办：agent",
                        "The customer asked to cancel, effective immediately, reason: price (“太贵了 (too expensive)”), no service from 2026-06-20, recorded by agent"));
        s.put(new SubscriptionCancellationRefused(S, CancellationReason.SWITCHED_PROVIDER, CancellationEffect.END_OF_TERM,
                "NOTICE_PERIOD_NOT_MET", "30 days' notice needed, 12 left", AT),
                List.of("退订申请（服务期结束时生效，原因：改用其他服务商）未被受理：30 days' notice needed, 12 left（规则 NOTICE_PERIOD_NOT_MET，经办：agent）",
                        "A cancellation (effective at the end of the term, reason: switched provider) was refused: 30 days' notice needed, 12 left (rule NOTICE_PERIOD_NOT_MET, recorded by agent)"));
        s.put(settlement(S, C),
                List.of("按退订结算政策 settlement-2026-06 结算：服务期 365 天，已用 170 天，未用 195 天；本期预付 ¥1,200.00；未用部分 +¥641.10；提前解约违约金 −¥100.00；优惠扣回 −¥100.00；应退 ¥441.10",
                        "Settled under cancellation policy settlement-2026-06: term of 365 days, 170 used, 195 unused; prepaid for the term CNY 1,200.00; unused value +CNY 641.10; early-termination penalty −CNY 100.00; discount claw-back −CNY 100.00; net refund CNY 441.10"));
        s.put(new SubscriptionCancellationRevoked(S, C, "Got a better offer", AT),
                List.of("agent 撤销退订 CX-1，订阅继续：Got a better offer",
                        "agent revoked cancellation CX-1; the subscription continues: Got a better offer"));
        s.put(exportRequested(S, C, "EX-1"),
                List.of("agent 请求导出客户数据（导出 EX-1，格式 json）",
                        "agent requested an export of the customer's data (export EX-1, format json)"));
        s.put(exportCompleted(S, "EX-1"),
                List.of("agent 完成数据导出 EX-1（位置 exports/EX-1.json，SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08）",
                        "agent completed data export EX-1 (at exports/EX-1.json, SHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08)"));
        s.put(deactivated(S, C),
                List.of("agent 停用了 10 个用户账号",
                        "agent deactivated 10 user accounts"));
        s.put(terminated(S, C),
                List.of("agent 确认终止订阅，确认号 TC-20260619-000007，自 2026-06-20 起停止服务，应退 ¥441.10，个人数据保留至 2026-09-18",
                        "agent confirmed the termination, confirmation number TC-20260619-000007, no service from 2026-06-20, net refund CNY 441.10, personal data kept until 2026-09-18"));
        s.put(refundRequested(S, C, "RA-1", "RF-20260619-000001"),
                List.of("agent 为退订结算发起退款申请 RF-20260619-000001，金额 ¥441.10",
                        "agent opened refund application RF-20260619-000001 for the settlement, CNY 441.10"));
        s.put(settlementStatus(S, C, "RA-1", SettlementStatus.REFUND_PAID, AT),
                List.of("agent 记录退订结算状态：已退款 ¥441.10（退款申请 RA-1）",
                        "agent recorded the settlement status: refund paid, CNY 441.10 (refund application RA-1)"));
        s.put(purged(S, "C-1"),
                List.of("agent 删除了订阅的个人数据（保留期至 2026-09-18，密钥 subscription:SUB-1 已销毁）",
                        "agent purged the subscription's personal data (kept until 2026-09-18; key subscription:SUB-1 destroyed)"));
        return s;
    }

    @Test
    void every_subscription_event_type_has_its_own_sentence_in_both_languages() {
        Map<Object, List<String>> samples = samples();
        assertThat(samples.keySet().stream().map(Object::getClass).distinct().toList())
                .as("a sample for every described subscription event type")
                .containsExactlyInAnyOrderElementsOf(SubscriptionEventDescriptions.DESCRIBED);
        samples.forEach((event, expected) -> {
            Description description = EventDescriptions.describe(event, "agent");
            assertThat(description.zhCN()).as(event.getClass().getSimpleName() + " zh-CN").isEqualTo(expected.get(0));
            assertThat(description.en()).as(event.getClass().getSimpleName() + " en").isEqualTo(expected.get(1));
        });
    }

    @Test
    void a_settlement_floored_at_zero_says_so_and_refunds_nothing() {
        var floored = new CancellationSettlementCalculated(S, C, "settlement-2026-06", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2027-01-01"), LocalDate.parse("2026-12-20"), 365, 353, 12, cny("1200"), cny("39.45"),
                cny("0"), cny("100"), cny("0"),
                List.of(new SettlementLine(SettlementLineKind.PREPAID_FOR_TERM, cny("1200"), "Prepaid"),
                        new SettlementLine(SettlementLineKind.UNUSED_PREPAID_VALUE, cny("39.45"), "1200.00 CNY × 12 / 365 days"),
                        new SettlementLine(SettlementLineKind.DISCOUNT_CLAWBACK, cny("-100"), "Full-term discount"),
                        new SettlementLine(SettlementLineKind.FLOOR_AT_ZERO, cny("60.55"), "Deductions beyond 39.45 CNY are not charged"),
                        new SettlementLine(SettlementLineKind.NET_REFUND, cny("0"), "Nothing to refund")),
                AT);

        Description d = EventDescriptions.describe(floored, null);

        assertThat(d.zhCN()).endsWith("优惠扣回 −¥100.00；退款不为负 +¥60.55；应退 ¥0.00");
        assertThat(d.en()).endsWith("discount claw-back −CNY 100.00; refund floored at zero +CNY 60.55; net refund CNY 0.00");
    }

    @Test
    void steps_the_process_manager_took_without_a_named_actor_are_the_systems() {
        Description d = EventDescriptions.describe(deactivated(S, C), null);

        assertThat(d.zhCN()).isEqualTo("系统 停用了 10 个用户账号");
        assertThat(d.en()).isEqualTo("the system deactivated 10 user accounts");
    }

    @Test
    void the_encrypted_contact_never_appears_in_a_sentence() {
        var contact = new EncryptedPersonalData("subscription:" + S, "AES/GCM/NoPadding", "aXY=", "Y2lwaGVydGV4dA==");

        Description d = EventDescriptions.describe(started(S, "C-1", contact), "agent");

        assertThat(d.zhCN() + d.en()).doesNotContain("Y2lwaGVydGV4dA==").doesNotContain("aXY=");
    }
}
