package io.refundledger.query.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who is signed in: the dashboard shows only the pages the user's roles may read (the API refuses the rest anyway). */
@RestController
public class SignedInUserController {

    private final String businessZone;

    public SignedInUserController(@Value("${ledger.business-zone:Asia/Shanghai}") String businessZone) {
        this.businessZone = businessZone;
    }

    /**
     * @param roles        the ledger roles, without Spring's {@code ROLE_} prefix
     * @param businessZone the zone dates are shown in
     */
    public record SignedInUser(String username, List<String> roles, String businessZone) {
    }

    @Operation(summary = "The signed-in user, their roles and the business time zone")
    @GetMapping("/api/me")
    public SignedInUser me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).sorted().toList();
        return new SignedInUser(authentication.getName(), roles, businessZone);
    }
}
