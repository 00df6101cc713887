package io.refundledger.query.finance;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The reconciliation export: one line per payout attempt, RFC 4180 (CRLF line ends, a header row, fields quoted when
 * they hold a comma, a quote or a line break, quotes doubled). Times are ISO-8601 with the business zone's offset.
 */
public final class PayoutsCsv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    public static final List<String> HEADER = List.of("started_at", "completed_at", "application_number", "application_id",
            "payout_id", "attempt", "method", "amount", "currency", "status", "external_reference", "failure_reason");
    private static final String CRLF = "\r\n";

    private PayoutsCsv() {
    }

    public static String write(List<PayoutEntry> payouts, ZoneId zone) {
        StringBuilder csv = new StringBuilder(128 * (payouts.size() + 1));
        line(csv, HEADER);
        for (PayoutEntry p : payouts) {
            line(csv, List.of(time(p.startedAt(), zone), time(p.completedAt(), zone), text(p.applicationNumber()),
                    text(p.applicationId()), text(p.payoutId()), Integer.toString(p.attempt()), text(p.method()),
                    p.amount() == null ? "" : p.amount().amount(), p.amount() == null ? "" : p.amount().currency(),
                    text(p.status()), text(p.externalReference()), text(p.failureReason())));
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append(CRLF);
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
