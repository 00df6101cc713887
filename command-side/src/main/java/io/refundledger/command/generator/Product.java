package io.refundledger.command.generator;

import java.math.BigDecimal;

/**
 * A product of the generator's catalogue.
 *
 * @param unitPrice   per unit (seat, device, course) in CNY
 * @param service     a prepaid service (refunds are prorated over its period) rather than goods (which can be
 *                    returned or exchanged)
 * @param periodMonths the length of a service's prepaid period; 0 for goods and one-off services
 */
public record Product(String productId, BigDecimal unitPrice, boolean service, int periodMonths) {

    public boolean goods() {
        return !service;
    }

    public boolean prorated() {
        return service && periodMonths > 0;
    }
}
