package io.refundledger.command.common;

import io.refundledger.command.web.IdempotencyKeyFilter;
import io.refundledger.command.web.RequestIdFilter;
import io.refundledger.command.web.CustomerChannelFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who a command says sent it is decided by the security context, never by whoever built the command. */
class CommandOriginInterceptorTest {

    private final CommandOriginInterceptor interceptor = new CommandOriginInterceptor();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private CommandMessage<?> dispatch(MetaData metaData) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("a command").withMetaData(metaData);
        return interceptor.handle(List.of(command)).apply(0, command);
    }

    private static void signedIn(String username, String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, AuthorityUtils.createAuthorityList(authorities)));
    }

    @Test
    void stampsTheAuthenticatedUserAndTheirRolesInAFixedOrder() {
        signedIn("reviewer", "ROLE_ADMIN", "ROLE_REVIEWER", "SCOPE_other");

        MetaData metaData = dispatch(MetaData.emptyInstance()).getMetaData();

        assertThat(metaData).containsEntry("actor", "reviewer").containsEntry("actorRoles", "REVIEWER,ADMIN");
    }

    @Test
    void replacesAnActorTheDispatcherClaimed() {
        signedIn("agent", "ROLE_CUSTOMER_SERVICE");

        MetaData metaData = dispatch(MetaData.from(Map.of("actor", "admin", "actorRoles", "ADMIN"))).getMetaData();

        assertThat(metaData).containsEntry("actor", "agent").containsEntry("actorRoles", "CUSTOMER_SERVICE");
    }

    @Test
    void addsTheRequestsKeysUnlessTheDispatcherSetThem() {
        signedIn("agent", "ROLE_CUSTOMER_SERVICE");
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/refunds");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-7");
        request.setAttribute(IdempotencyKeyFilter.ATTRIBUTE, "key-7");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(dispatch(MetaData.emptyInstance()).getMetaData())
                .containsEntry("requestId", "req-7").containsEntry("channel", "http").containsEntry("idempotencyKey", "key-7");
        assertThat(dispatch(MetaData.from(Map.of("requestId", "req-own", "channel", "process-manager"))).getMetaData())
                .containsEntry("requestId", "req-own").containsEntry("channel", "process-manager");
    }

    @Test
    void leavesACommandFromOutsideAnyRequestAsItIs() {
        MetaData own = MetaData.from(Map.of("actor", "sla-monitor", "channel", "scheduler"));

        assertThat(dispatch(own).getMetaData()).isEqualTo(own);
    }

    @Test
    void recordsTheCustomersChannelTheFilterRead() {
        signedIn("agent", "ROLE_CUSTOMER_SERVICE");
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/refunds");
        request.setAttribute(CustomerChannelFilter.ATTRIBUTE, "OFFLINE");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(dispatch(MetaData.emptyInstance()).getMetaData()).containsEntry("customerChannel", "OFFLINE");
    }

    @Test
    void leavesTheCustomersChannelOutWhenNotStated() {
        signedIn("agent", "ROLE_CUSTOMER_SERVICE");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest("POST", "/")));

        assertThat(dispatch(MetaData.emptyInstance()).getMetaData()).doesNotContainKey("customerChannel");
    }
}
