package io.millrace.eventlog.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code millrace.kafka.*} with the client settings of Spring Boot's {@code spring.kafka.*}, so
 * that clusters behind SASL and TLS work as for any Boot application: every producer, consumer and
 * admin client of the hub connects with them. Only when {@code millrace.kafka.bootstrap} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${millrace.kafka.bootstrap:}'.isBlank()")
class KafkaSettingsConfiguration {

    @Bean
    KafkaSettings kafkaSettings(Environment environment, ObjectProvider<KafkaProperties> boot) {
        KafkaSettings bound = Binder.get(environment).bindOrCreate("millrace.kafka", KafkaSettings.class);
        return bound.withClient(KafkaClientProperties.from(boot.getIfAvailable(KafkaProperties::new)));
    }
}
