package io.refundledger.query.finance;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.query.refund.RefundProgressView.MoneyView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation CSV as RFC 4180 has it: header row, CRLF, quoting only where needed. */
class PayoutsCsvTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void oneLinePerAttemptAfterAHeaderWithTimesInTheBusinessZone() {
        PayoutEntry failed = new PayoutEntry("p-1", "a-1", "RF-20261123-000001", "c-1", 1, PayoutMethod.ORIGINAL_PAYMENT,
                new MoneyView("1200.00", "CNY"), PayoutStatus.FAILED, Instant.parse("2026-11-23T02:00:00Z"),
                Instant.parse("2026-11-23T02:05:00Z"), "2026-11-23", null, "Card expired", 5);
        PayoutEntry started = new PayoutEntry("p-2", "a-1", "RF-20261123-000001", "c-1", 2, PayoutMethod.BANK_TRANSFER,
                new MoneyView("1200.00", "CNY"), PayoutStatus.STARTED, Instant.parse("2026-11-23T16:30:00Z"), null,
                "2026-11-24", null, null, 6);

        String csv = PayoutsCsv.write(List.of(failed, started), SHANGHAI);

        assertThat(csv).isEqualTo(
                "started_at,completed_at,application_number,application_id,payout_id,attempt,method,amount,currency,status,"
                        + "external_reference,failure_reason\r\n"
                        + "2026-11-23T10:00:00+08:00,2026-11-23T10:05:00+08:00,RF-20261123-000001,a-1,p-1,1,ORIGINAL_PAYMENT,"
                        + "1200.00,CNY,FAILED,,Card expired\r\n"
                        + "2026-11-24T00:30:00+08:00,,RF-20261123-000001,a-1,p-2,2,BANK_TRANSFER,1200.00,CNY,STARTED,,\r\n");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(PayoutsCsv.field("plain")).isEqualTo("plain");
        assertThat(PayoutsCsv.field("Bank rejected, account closed")).isEqualTo("\"Bank rejected, account closed\"");
        assertThat(PayoutsCsv.field("the \"wallet\" timed out")).isEqualTo("\"the \"\"wallet\"\" timed out\"");
        assertThat(PayoutsCsv.field("line one\r\nline two")).isEqualTo("\"line one\r\nline two\"");
        assertThat(PayoutsCsv.field("")).isEmpty();
    }
}
