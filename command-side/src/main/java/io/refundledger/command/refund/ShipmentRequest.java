package io.refundledger.command.refund;

/**
 * {@code POST /api/refunds/{id}/return-shipment} and {@code .../replacement-shipment} (快递单号).
 */
public record ShipmentRequest(String carrier, String trackingNumber) {
}
