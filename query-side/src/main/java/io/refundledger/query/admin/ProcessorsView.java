package io.refundledger.query.admin;

import java.util.List;

/** Every streaming event processor of the query side, by name, with the event store's head. */
public record ProcessorsView(long headPosition, List<ProcessorStatusView> processors) {

    public ProcessorsView {
        processors = List.copyOf(processors);
    }
}
