package io.refundledger.query.audit;

import io.refundledger.query.refund.RefundProgressView;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which fields of the progress view differ between two states. Pure. */
final class StateDifferences {

    /** Bookkeeping of the read model, not a fact about the application. */
    private static final String MECHANICS = "lastAppliedPosition";

    private StateDifferences() {
    }

    /** Field names in the view's order; a missing state (before submission) differs in every field the other has. */
    static List<String> between(RefundProgressView from, RefundProgressView to) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : RefundProgressView.class.getRecordComponents()) {
            if (component.getName().equals(MECHANICS)) {
                continue;
            }
            Object before = from == null ? null : read(component, from);
            Object after = to == null ? null : read(component, to);
            if (!Objects.equals(empty(before), empty(after))) {
                changed.add(component.getName());
            }
        }
        return changed;
    }

    private static Object empty(Object value) {
        return value instanceof List<?> list && list.isEmpty() ? null : value;
    }

    private static Object read(RecordComponent component, RefundProgressView view) {
        try {
            return component.getAccessor().invoke(view);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component, e);
        }
    }
}
