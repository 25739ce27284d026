package io.millrace.access;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Applies {@code millrace.admin-key} (set by {@code serve --admin-key}) before the hub takes requests. */
@Component
class AdminKeyBootstrap implements InitializingBean {

    private final KeyIssuer issuer;
    private final String adminKey;

    AdminKeyBootstrap(KeyIssuer issuer, @Value("${millrace.admin-key:}") String adminKey) {
        this.issuer = issuer;
        this.adminKey = adminKey;
    }

    @Override
    public void afterPropertiesSet() {
        if (!adminKey.isEmpty()) {
            issuer.keepAdminKey(adminKey);
        }
    }
}
