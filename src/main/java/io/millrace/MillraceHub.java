package io.millrace;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The hub application: every module below {@code io.millrace} contributes its beans.
 * The accounting core carries no Spring annotations and is wired by the ledger module.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@ComponentScan
public class MillraceHub {
}
