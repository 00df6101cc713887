package io.refundledger.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.refundledger.command.testing.CommandSideSpringTest;
import io.refundledger.command.testing.DemoUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsEndpointsTest extends CommandSideSpringTest {

    @Test
    void describesTheCommandApiAsOpenApi() {
        Response response = get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().path("paths");
        assertThat(paths.path("/api/refunds").path("post").path("responses").has("201")).as(paths.toString()).isTrue();
        assertThat(response.json().at("/components/schemas/SubmitRefundRequest/properties/reasonCategory/enum"))
                .extracting(JsonNode::asText).contains("PRODUCT_QUALITY", "OTHER");
        assertThat(paths.path("/api/refunds/{applicationId}/approve").has("post")).isTrue();
        assertThat(paths.path("/api/refunds/{applicationId}/reject").has("post")).isTrue();
    }

    @Test
    void reportsHealthIncludingTheDatabaseToSignedInStaff() {
        Response response = as(DemoUsers.ADMIN).get("/actuator/health");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("UP");
        assertThat(response.json().path("components").path("mongo").path("status").asText())
                .as(response.toString()).isEqualTo("UP");
    }

    @Test
    void tellsAnonymousCallersOnlyWhetherItIsUp() {
        Response response = anonymous().get("/actuator/health");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("status").asText()).isEqualTo("UP");
        assertThat(response.json().has("components")).as(response.toString()).isFalse();
    }
}
