package io.refundledger.command.refund;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer side answers an information request, with references to attached documents.
 *
 * @param attachmentReferences references to stored documents (invoice, receipt, photos); may be empty
 */
public record ProvideMoreInformation(
        @TargetAggregateIdentifier String applicationId,
        String answer,
        List<String> attachmentReferences) {
}
