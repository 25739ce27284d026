package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.millrace.access.Caller;
import io.millrace.access.Role;
import io.millrace.access.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The catalog endpoint as the hub wires it: its configuration, the caller resolver and Boot's JSON. */
@WebMvcTest(CatalogController.class)
@Import(CatalogConfiguration.class)
class CatalogWebMvcTest {

    private static final Caller AUDITOR = new Caller("k-2", "audit", Role.AUDITOR, Scope.unrestricted(), null);

    @Autowired
    private MockMvc mvc;

    @Autowired
    private EventCatalog catalog;

    @Test
    void servesTheCatalogBeanToAnAuthenticatedCaller() throws Exception {
        String body = mvc.perform(get("/api/v1/catalog").requestAttr(Caller.ATTRIBUTE, AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.types", hasSize(catalog.types().size())))
                .andExpect(jsonPath("$.types[13].type").value("mfg.inventory.count.adjusted"))
                .andExpect(jsonPath("$.types[13].businessKey").value("lot:<lot>"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("\"multipleOf\":0.000001");
    }

    @Test
    void answersProblemsForUnknownTypesAndMissingCallers() throws Exception {
        mvc.perform(get("/api/v1/catalog/nope").requestAttr(Caller.ATTRIBUTE, AUDITOR))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:millrace:problem:not-found"));
        mvc.perform(get("/api/v1/catalog"))
                .andExpect(status().isUnauthorized());
    }
}
