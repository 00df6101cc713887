package io.refundledger.query.finance;

/** "Which applications are approved and not yet paid out?" — those approved longest ago first. */
public record ListApprovedUnpaid(Paging page) {
}
