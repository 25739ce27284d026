package io.millrace.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void producerPublishesAndReadsTheCatalogAndEventsOnly() {
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "POST", "/api/v1/events")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/events/abc")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/catalog")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/catalog/mfg.x")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/sources/me")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/sources")).isPresent();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/inventory")).isPresent();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "GET", "/api/v1/events/a/b")).isPresent();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "PUT", "/api/v1/events")).isPresent();
    }

    @Test
    void auditorOnlyReadsOperatorAlsoActsOnExceptionsAdminDoesAll() {
        assertThat(AccessPolicy.refusal(Role.AUDITOR, "GET", "/api/v1/ledger/journal")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.AUDITOR, "POST", "/api/v1/exceptions/7/retry")).isPresent();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/exceptions/7/retry")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/exceptions/7/approve")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "PUT", "/api/v1/master-data")).isPresent();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/ledger/periods/2026-11/close")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/events/abc/reversal")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/replays")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/ledger/periods/2026-11/reopen")).isPresent();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/subscribers/erp/replay")).isPresent();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/events")).isPresent();
        assertThat(AccessPolicy.refusal(Role.ADMIN, "PUT", "/api/v1/master-data")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.AUDITOR, "POST", "/api/v1/sources").orElseThrow())
                .isEqualTo("A key with role auditor may not POST /api/v1/sources.");
    }

    @Test
    void producerIngestsThroughABindingAndOperatorDryRunsOne() {
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "POST", "/api/v1/ingest/line-gw")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "POST", "/api/v1/ingest/line-gw/x")).isPresent();
        assertThat(AccessPolicy.refusal(Role.PRODUCER, "POST", "/api/v1/bindings/line-gw/test")).isPresent();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "POST", "/api/v1/bindings/line-gw/test")).isEmpty();
        assertThat(AccessPolicy.refusal(Role.OPERATOR, "PUT", "/api/v1/bindings/line-gw")).isPresent();
    }
}
