package io.refundledger.command.subscription.process;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Issues the confirmation numbers customers are told when their subscription ends: {@code TC-yyyyMMdd-<8 hex>},
 * dated by the business day. Random rather than counted (a customer must not guess another's); the runner keeps
 * the number in its dispatch journal before sending, so a retried termination keeps it.
 */
public class TerminationConfirmationNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Clock clock;
    private final ZoneId businessZone;
    private final SecureRandom random = new SecureRandom();

    public TerminationConfirmationNumbers(Clock clock, ZoneId businessZone) {
        this.clock = clock;
        this.businessZone = businessZone;
    }

    public String issue() {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return "TC-" + LocalDate.ofInstant(clock.instant(), businessZone).format(DAY) + "-"
                + HexFormat.of().withUpperCase().formatHex(suffix);
    }
}
