package io.millrace.connectivity.file;

import io.millrace.connectivity.BindingIntake;
import io.millrace.connectivity.LiveBindings;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** The file channel when {@code millrace.inbox-dir} is set, polled every {@code millrace.inbox.poll-interval-ms}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${millrace.inbox-dir:}'.isBlank()")
class FileInboxConfiguration {

    @Bean
    FileInbox fileInbox(@Value("${millrace.inbox-dir}") String dir, LiveBindings bindings, BindingIntake intake,
                        JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new FileInbox(Path.of(dir), bindings, intake, jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    InboxPolling inboxPolling(FileInbox inbox) {
        return new InboxPolling(inbox);
    }

    static final class InboxPolling {
        private final FileInbox inbox;

        InboxPolling(FileInbox inbox) {
            this.inbox = inbox;
        }

        @Scheduled(fixedDelayString = "${millrace.inbox.poll-interval-ms:500}")
        void poll() {
            inbox.poll();
        }
    }
}
