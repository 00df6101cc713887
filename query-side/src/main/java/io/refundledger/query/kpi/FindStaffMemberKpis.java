package io.refundledger.query.kpi;

import io.refundledger.infrastructure.errors.DomainException;

import java.time.LocalDate;

/** "How did this staff member do, period by period and over the whole range?" */
public record FindStaffMemberKpis(String staffId, KpiRange range) {

    public FindStaffMemberKpis {
        if (staffId == null || staffId.isBlank()) {
            throw DomainException.invalid("MISSING_PARAMETER", "staffId", "Give a staff id.");
        }
        staffId = staffId.strip();
    }

    public static FindStaffMemberKpis of(String staffId, String from, String to, String granularity, LocalDate today) {
        return new FindStaffMemberKpis(staffId, KpiRange.of(from, to, granularity, today));
    }
}
