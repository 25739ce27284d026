package io.millrace.connectivity;

import io.millrace.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcBindingsIT {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void versionsCountOnAcrossChangesAndDeletions(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            BindingsContract.versionsCountOnAcrossChangesAndDeletions(new JdbcBindings(new JdbcTemplate(db.dataSource()),
                    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()))));
        }
    }
}
