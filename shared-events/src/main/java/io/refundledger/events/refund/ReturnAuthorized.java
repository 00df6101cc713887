package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * For a return or an exchange: approval issued a return authorisation telling the customer where to send
 * the goods.
 */
@Revision("1")
public record ReturnAuthorized(
        String applicationId,
        String returnAuthorizationNumber,
        String returnAddress,
        Instant authorizedAt) {
}
