package io.millrace.connectivity.mqtt;

import io.millrace.connectivity.BindingIntake;
import io.millrace.connectivity.LiveBindings;
import io.millrace.intake.EventIntake;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MQTT channel when {@code millrace.mqtt.url} is set; with {@code millrace.mqtt.embedded} the
 * hub first starts a broker of its own on that port.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MqttSettings.class)
class MqttConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("${millrace.mqtt.embedded:false}")
    EmbeddedMqttBroker embeddedMqttBroker(MqttSettings settings) {
        return EmbeddedMqttBroker.start(settings.embeddedPort());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${millrace.mqtt.url:}'.isBlank()")
    MqttChannel mqttChannel(MqttSettings settings, LiveBindings bindings, BindingIntake bindingIntake,
                            EventIntake intake, ObjectProvider<Clock> clock,
                            ObjectProvider<EmbeddedMqttBroker> embedded) {
        embedded.ifAvailable(broker -> { });
        MqttChannel channel = new MqttChannel(settings, bindings, bindingIntake, intake,
                clock.getIfAvailable(Clock::systemUTC));
        channel.start();
        return channel;
    }
}
