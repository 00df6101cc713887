package io.refundledger.infrastructure.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;
import java.util.function.Function;

/**
 * Moves one stored event type from one revision to the next when the only change was adding fields:
 * each added field gets the value that tells a reader "this was not recorded then". Stored events are
 * never rewritten; this runs as they are read.
 */
public class AddedFieldsUpcaster extends SingleEventUpcaster {

    private final String payloadType;
    private final String fromRevision;
    private final String toRevision;
    private final Map<String, Function<ObjectNode, JsonNode>> addedFields;

    /**
     * @param addedFields each new field and how to compute its value from the old payload (usually a constant)
     */
    public AddedFieldsUpcaster(String payloadType, String fromRevision, String toRevision,
                               Map<String, Function<ObjectNode, JsonNode>> addedFields) {
        this.payloadType = payloadType;
        this.fromRevision = fromRevision;
        this.toRevision = toRevision;
        this.addedFields = addedFields;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return payloadType.equals(representation.getType().getName())
                && fromRevision.equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(payloadType, toRevision), JsonNode.class, payload -> {
            ObjectNode object = (ObjectNode) payload;
            addedFields.forEach((field, value) -> {
                if (!object.has(field)) {
                    object.set(field, value.apply(object));
                }
            });
            return object;
        });
    }
}
