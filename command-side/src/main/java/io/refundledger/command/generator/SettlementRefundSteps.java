package io.refundledger.command.generator;

import io.refundledger.command.refund.ApproveRefundApplication;
import io.refundledger.command.refund.AssignRefundApplication;
import io.refundledger.command.refund.GiveSecondApproval;
import io.refundledger.command.refund.RecordPayoutFailure;
import io.refundledger.command.refund.RecordPayoutSuccess;
import io.refundledger.events.refund.RefundStatus;
import io.refundledger.command.refund.StartPayout;
import io.refundledger.events.refund.PayoutMethod;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * What staff do with the refund the cancellation process opens for a subscription's settlement: a reviewer takes it
 * and approves it (the amount is the contract's), finance gives the second approval above the threshold and pays it
 * out, now and then after a failed first attempt. The application is not the generator's: its first step waits, a
 * day at a time, until the process has opened it. Pure; seeded by its own seed.
 */
final class SettlementRefundSteps {

    /** Days the reviewer keeps looking for the application before the case is left as it is. */
    static final int PATIENCE_DAYS = 10;

    private final String applicationId;
    private final Random random;
    private final WorkingHours hours;
    private final Staff reviewer;
    private final boolean firstPayoutFails;
    private boolean assigned;
    private int payoutAttempts;
    private String payoutId;

    SettlementRefundSteps(String applicationId, long seed, ZoneId businessZone) {
        this.applicationId = applicationId;
        this.random = new Random(seed);
        this.hours = new WorkingHours(businessZone);
        this.reviewer = random.nextBoolean() ? Staff.REVIEWER : Staff.REVIEWER2;
        this.firstPayoutFails = random.nextDouble() < 0.1;
    }

    String applicationId() {
        return applicationId;
    }

    /** The reviewer takes the application, about a day after the cancellation. */
    Move first(Instant cancelledAt) {
        assigned = true;
        return new Move(hours.next(cancelledAt.plus(Duration.ofHours(20 + random.nextInt(10))), reviewer, random),
                reviewer, new AssignRefundApplication(applicationId, reviewer.username()), null, PATIENCE_DAYS);
    }

    /** The next step given the status the application answered with; nothing once it is paid (or out of our hands). */
    Optional<Move> after(Instant previous, RefundStatus status) {
        return switch (status) {
            case SUBMITTED -> Optional.of(assigned
                    ? staff(previous, 3, reviewer, new ApproveRefundApplication(applicationId, null,
                    "按合同结算金额退款 / refund of the contract settlement"))
                    : staff(previous, 2, reviewer, new AssignRefundApplication(applicationId, reviewer.username())));
            case AWAITING_SECOND_APPROVAL -> Optional.of(staff(previous, 8, Staff.FINANCE,
                    new GiveSecondApproval(applicationId, "Second approval: settlement checked against the contract")));
            case APPROVED -> Optional.of(payout(previous, null));
            case PAYOUT_FAILED -> Optional.of(payout(previous, PayoutMethod.BANK_TRANSFER));
            case PAYOUT_IN_PROGRESS -> Optional.of(firstPayoutFails && payoutAttempts == 1
                    ? staff(previous, 20, Staff.FINANCE, new RecordPayoutFailure(applicationId, payoutId,
                    "收款账户已注销 / account closed"))
                    : staff(previous, 30, Staff.FINANCE, new RecordPayoutSuccess(applicationId, payoutId,
                    "TXN-" + Long.toUnsignedString(random.nextLong(), 36).toUpperCase())));
            default -> Optional.empty();
        };
    }

    private Move payout(Instant previous, PayoutMethod method) {
        payoutAttempts++;
        payoutId = new UUID(random.nextLong(), random.nextLong()).toString();
        return staff(previous, 8, Staff.FINANCE, new StartPayout(applicationId, payoutId, method));
    }

    private Move staff(Instant previous, int hoursLater, Staff actor, Object command) {
        Instant wanted = previous.plus(Duration.ofMinutes(30 + random.nextInt(hoursLater * 60)));
        return new Move(hours.next(wanted, actor, random), actor, command, null);
    }
}
