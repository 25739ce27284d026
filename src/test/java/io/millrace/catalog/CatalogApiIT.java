package io.millrace.catalog;

import static io.millrace.testing.HubHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.HubIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The catalog endpoint as the hub serves it: behind the API-key filter, with Boot's JSON. */
class CatalogApiIT extends HubIntegrationTest {

    @Test
    void servesEveryTypeWithItsSchemaToAProducerKey() {
        HttpResponse<String> r = http.get("/api/v1/catalog", producerKey());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("types").size()).isEqualTo(16);
        assertThat(json(r).get("types").get(13).get("businessKey").asString()).isEqualTo("lot:<lot>");
        assertThat(r.body()).contains("\"multipleOf\":0.000001");
    }

    @Test
    void answersProblemsForUnknownTypesAndMissingKeys() {
        HttpResponse<String> unknown = http.get("/api/v1/catalog/nope", ADMIN_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asString()).isEqualTo("urn:millrace:problem:not-found");

        assertThat(http.get("/api/v1/catalog", null).statusCode()).isEqualTo(401);
    }

    @Test
    void servesTheCatalogAsAValidAsyncApiDocumentToAnyKey() {
        HttpResponse<String> r = http.get("/api/v1/catalog/asyncapi", producerKey());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(AsyncApiDocumentTest.violations(json(r))).isEmpty();
        assertThat(json(r).at("/servers/http/host").asString()).isEqualTo("127.0.0.1:" + port);
        assertThat(json(r).at("/components/messages").size()).isEqualTo(17);
        assertThat(r.body()).contains("\"multipleOf\":0.000001");

        assertThat(http.get("/api/v1/catalog/asyncapi", null).statusCode()).isEqualTo(401);
    }
}
