package io.refundledger.query.kpi;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which team each staff member (the actor name in event metadata) belongs to, from {@code ledger.staff.teams}.
 * Read at query time: a staff member moved to another team counts, with all their history, in the new one.
 */
@ConfigurationProperties(prefix = "ledger.staff")
public record StaffTeams(Map<String, String> teams) {

    /** The team of staff not listed. */
    public static final String UNASSIGNED = "unassigned";

    public StaffTeams {
        teams = teams == null ? Map.of() : Map.copyOf(teams);
    }

    public String teamOf(String staffId) {
        String team = teams.get(staffId);
        return team == null || team.isBlank() ? UNASSIGNED : team;
    }

    /** Every team a filter may name: the configured ones and {@value #UNASSIGNED}. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>(teams.values());
        names.add(UNASSIGNED);
        return names;
    }
}
