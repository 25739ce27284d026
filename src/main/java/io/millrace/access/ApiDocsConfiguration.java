package io.millrace.access;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the authenticated {@link Caller}, which controllers receive from the API-key filter, out
 * of the OpenAPI description: it is the bearer key, never a request parameter.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
