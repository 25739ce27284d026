package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import io.millrace.web.ProblemHandler;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class CatalogControllerTest {

    private static final Caller PRODUCER = new Caller("k-1", "mes-p100", Role.PRODUCER,
            new Scope(Set.of("urn:millrace:plant:P100:mes"), Set.of("P100"), Set.of("mfg.production.material.consumed")), 100);

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new CatalogController(Examples.CATALOG))
            .setControllerAdvice(new ProblemHandler())
            .build();

    private static MockHttpServletRequestBuilder as(Caller caller, MockHttpServletRequestBuilder request) {
        return request.requestAttr(Caller.ATTRIBUTE, caller);
    }

    @Test
    void listsEveryTypeWithItsVersionsSchemasAndBusinessKeyToAnyCaller() throws Exception {
        mvc.perform(as(PRODUCER, get("/api/v1/catalog")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.types", hasSize(16)))
                .andExpect(jsonPath("$.types[0].type").value("mfg.production.order.released"))
                .andExpect(jsonPath("$.types[0].businessKey").value("order:<orderId>"))
                .andExpect(jsonPath("$.types[0].versions[0].major").value(1))
                .andExpect(jsonPath("$.types[0].versions[0].dataschema").value("urn:millrace:schema:mfg.production.order.released:1"))
                .andExpect(jsonPath("$.types[0].versions[0].schema.$schema").value("https://json-schema.org/draft/2020-12/schema"))
                .andExpect(jsonPath("$.types[0].versions[0].schema.additionalProperties").value(false))
                .andExpect(jsonPath("$.types[0].versions[0].schema.required", hasSize(4)));
    }

    @Test
    void publishesDecimalLimitsAsExactNumbers() throws Exception {
        String body = mvc.perform(as(PRODUCER, get("/api/v1/catalog/mfg.procurement.invoice.received")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("mfg.procurement.invoice.received"))
                .andExpect(jsonPath("$.businessKey").value("po:<lines[0].purchaseOrder>"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body)
                .contains("\"multipleOf\":0.000001").contains("\"multipleOf\":0.0001");
    }

    @Test
    void answersAnUnknownTypeWithANotFoundProblem() throws Exception {
        mvc.perform(as(PRODUCER, get("/api/v1/catalog/mfg.production.material.eaten")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:millrace:problem:not-found"))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail", startsWith(
                        "'mfg.production.material.eaten' is not a known event type; known: mfg.production.order.released, ")));
    }

}
