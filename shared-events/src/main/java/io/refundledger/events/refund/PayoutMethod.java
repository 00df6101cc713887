package io.refundledger.events.refund;

/** Where the money goes back to. Stored by name in events: never rename a constant. */
public enum PayoutMethod {
    /** 原路退回 */
    ORIGINAL_PAYMENT,
    /** 账户余额 / 积分返还 */
    ACCOUNT_BALANCE,
    /** 第三方支付平台 */
    THIRD_PARTY,
    /** 银行转账 */
    BANK_TRANSFER
}
