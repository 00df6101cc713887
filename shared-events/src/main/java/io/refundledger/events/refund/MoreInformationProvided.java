package io.refundledger.events.refund;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The customer side answered an information request, with references to attached documents (invoice,
 * receipt, photos); review resumes.
 */
@Revision("1")
public record MoreInformationProvided(
        String applicationId,
        String answer,
        List<String> attachmentReferences,
        Instant providedAt) {
}
