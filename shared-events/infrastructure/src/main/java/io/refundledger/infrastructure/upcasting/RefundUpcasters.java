package io.refundledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationApproved;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every upcaster of the refund events, oldest change first. Both apps register all of them. */
public final class RefundUpcasters {

    private RefundUpcasters() {
    }

    public static List<EventUpcaster> all() {
        return List.of(submittedRevision1To2(), submittedRevision2To3(), approvedRevision1To2());
    }

    /** Revision 2 asked for the facts the refund policy needs; earlier applications did not state them. */
    static EventUpcaster submittedRevision1To2() {
        Map<String, Function<ObjectNode, JsonNode>> added = new LinkedHashMap<>();
        added.put("deliveredAt", old -> JsonNodeFactory.instance.nullNode());
        added.put("usage", old -> TextNode.valueOf(ProductUsage.NOT_STATED.name()));
        added.put("servicePeriodStart", old -> JsonNodeFactory.instance.nullNode());
        added.put("servicePeriodEnd", old -> JsonNodeFactory.instance.nullNode());
        added.put("discountReceived", old -> JsonNodeFactory.instance.nullNode());
        return new AddedFieldsUpcaster(RefundApplicationSubmitted.class.getName(), "1", "2", added);
    }

    /** Revision 3 names the product, the customer segment and a settled subscription; earlier applications did not. */
    static EventUpcaster submittedRevision2To3() {
        Map<String, Function<ObjectNode, JsonNode>> added = new LinkedHashMap<>();
        added.put("productId", old -> JsonNodeFactory.instance.nullNode());
        added.put("customerSegment", old -> JsonNodeFactory.instance.nullNode());
        added.put("subscriptionId", old -> JsonNodeFactory.instance.nullNode());
        return new AddedFieldsUpcaster(RefundApplicationSubmitted.class.getName(), "2", "3", added);
    }

    /** Revision 2 records policy exceptions and four-eyes approvals; earlier approvals had neither. */
    static EventUpcaster approvedRevision1To2() {
        Map<String, Function<ObjectNode, JsonNode>> added = new LinkedHashMap<>();
        added.put("exceptionJustification", old -> JsonNodeFactory.instance.nullNode());
        added.put("firstApprovedBy", old -> JsonNodeFactory.instance.nullNode());
        return new AddedFieldsUpcaster(RefundApplicationApproved.class.getName(), "1", "2", added);
    }
}
