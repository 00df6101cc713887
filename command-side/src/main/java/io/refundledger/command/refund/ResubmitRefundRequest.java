package io.refundledger.command.refund;

import io.refundledger.command.web.MoneyJson;

/**
 * {@code POST /api/refunds/{id}/resubmit}: the amendments after a rejection. Absent values keep the
 * previous ones; {@code amendmentNote} is required.
 */
public record ResubmitRefundRequest(MoneyJson requestedAmount, String reasonCategory, String reasonText, String amendmentNote) {
}
