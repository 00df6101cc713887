package io.refundledger.command.notification;

/** A delivery that cannot succeed on retry (no address, unsupported channel, malformed address). */
public class PermanentDeliveryFailure extends RuntimeException {

    public PermanentDeliveryFailure(String message) {
        super(message);
    }

    public PermanentDeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
