package io.millrace.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log on every storage: what is recorded, how it is found, and that tampering is detected. */
class AuditLogContractIT {

    enum Storage { IN_MEMORY, H2, POSTGRES }

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123456Z");

    private TestDatabase db;
    private InMemoryAuditRecords memory;
    private JdbcTemplate jdbc;
    private final MutableClock clock = new MutableClock(T0);

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }
    }

    record State(String code, String description, java.math.BigDecimal cost) {
    }

    private AuditLog open(Storage storage) {
        AuditRecords records;
        if (storage == Storage.IN_MEMORY) {
            memory = new InMemoryAuditRecords();
            records = memory;
        } else {
            db = TestDatabase.create(storage == Storage.H2 ? TestDatabase.Kind.H2 : TestDatabase.Kind.POSTGRES);
            jdbc = new JdbcTemplate(db.dataSource());
            records = new JdbcAuditRecords(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())));
        }
        return new AuditLog(records, clock);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void recordFive(AuditLog log) {
        log.record("key:k-1", "key.issued", "key:k-2", null, Map.of("role", "producer", "name", "mes"));
        clock.advanceSeconds(60);
        log.record("key:k-1", "master-data.created", "item:RM-1", null,
                new State("RM-1", "Steel", new java.math.BigDecimal("2.10")));
        clock.advanceSeconds(60);
        log.record("key:k-1", "master-data.updated", "item:RM-1",
                new State("RM-1", "Steel", new java.math.BigDecimal("2.10")),
                new State("RM-1", "Steel \"coil\"\n", new java.math.BigDecimal("2.25")));
        clock.advanceSeconds(60);
        log.record("key:k-3", "exception.discarded", "exception:e-1", Map.of("status", "OPEN"),
                Map.of("status", "DISCARDED"));
        clock.advanceSeconds(60);
        log.record("key:k-3", "period.closed", "period:2026-10", null, Map.of("period", "2026-10"));
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void recordsAreChainedInOrderWithCanonicalStatesAndTheClocksTime(Storage storage) {
        AuditLog log = open(storage);
        recordFive(log);

        List<AuditRecord> all = log.find(new AuditQuery(null, null, null, null, null, 0, 100));

        assertThat(all).extracting(AuditRecord::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).previousHash()).isEqualTo(all.get(i - 1).hash());
        }
        assertThat(all.get(0).recordedAt()).isEqualTo(T0);
        assertThat(all.get(0).after()).isEqualTo("{\"name\":\"mes\",\"role\":\"producer\"}");
        assertThat(all.get(2).before()).isEqualTo("{\"code\":\"RM-1\",\"cost\":2.10,\"description\":\"Steel\"}");
        assertThat(all.get(2).after()).contains("\\\"coil\\\"\\n");
        assertThat(all.get(1).before()).isNull();
        assertThat(log.verify()).isEqualTo(new AuditLog.Verification(true, 5, null, null));
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void findsByActorActionSubjectAndTimeAndPagesAfterAPosition(Storage storage) {
        AuditLog log = open(storage);
        recordFive(log);

        assertThat(log.find(new AuditQuery("key:k-3", null, null, null, null, 0, 100)))
                .extracting(AuditRecord::action).containsExactly("exception.discarded", "period.closed");
        assertThat(log.find(new AuditQuery(null, "master-data.updated", null, null, null, 0, 100)))
                .extracting(AuditRecord::position).containsExactly(3L);
        assertThat(log.find(new AuditQuery(null, null, "item:RM-1", null, null, 0, 100)))
                .extracting(AuditRecord::position).containsExactly(2L, 3L);
        assertThat(log.find(new AuditQuery(null, null, null, T0.plusSeconds(60), T0.plusSeconds(180), 0, 100)))
                .extracting(AuditRecord::position).containsExactly(2L, 3L);
        assertThat(log.find(new AuditQuery(null, null, null, null, null, 2, 2)))
                .extracting(AuditRecord::position).containsExactly(3L, 4L);
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = {"H2", "POSTGRES"})
    void aRecordChangedWithSqlIsFoundAtItsPosition(Storage storage) {
        AuditLog log = open(storage);
        recordFive(log);

        jdbc.update("UPDATE audit_record SET after_state = ? WHERE position = 3",
                "{\"code\":\"RM-1\",\"cost\":0.01,\"description\":\"Steel\"}");

        AuditLog.Verification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenPosition()).isEqualTo(3L);
        assertThat(v.verifiedRecords()).isEqualTo(2);
        assertThat(v.problem()).contains("changed");
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = {"H2", "POSTGRES"})
    void aRecordChangedAndResealedIsFoundByTheNextOnesLink(Storage storage) {
        AuditLog log = open(storage);
        recordFive(log);
        AuditRecord third = log.find(new AuditQuery(null, null, null, null, null, 2, 1)).get(0);
        String forged = AuditChain.hash(3, third.recordedAt(), "key:someone-else", third.action(), third.subject(),
                third.before(), third.after(), third.previousHash());

        jdbc.update("UPDATE audit_record SET actor = 'key:someone-else', hash = ? WHERE position = 3", forged);

        AuditLog.Verification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenPosition()).isEqualTo(4L);
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = {"H2", "POSTGRES"})
    void aDeletedRecordIsFoundAtItsPositionAndSoIsADeletedLastOne(Storage storage) {
        AuditLog log = open(storage);
        recordFive(log);

        jdbc.update("DELETE FROM audit_record WHERE position = 5");
        assertThat(log.verify().firstBrokenPosition()).isEqualTo(5L);

        jdbc.update("DELETE FROM audit_record WHERE position = 2");
        AuditLog.Verification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenPosition()).isEqualTo(2L);
        assertThat(v.problem()).contains("missing");
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = "IN_MEMORY")
    void tamperingInMemoryIsFoundToo(Storage storage) {
        AuditLog log = open(storage);
        recordFive(log);
        AuditRecord second = log.find(new AuditQuery(null, null, null, null, null, 1, 1)).get(0);

        memory.overwrite(new AuditRecord(2, second.recordedAt(), "key:k-9", second.action(), second.subject(),
                second.before(), second.after(), second.previousHash(), second.hash()));
        assertThat(log.verify().firstBrokenPosition()).isEqualTo(2L);

        memory.overwrite(second);
        memory.remove(4);
        assertThat(log.verify().firstBrokenPosition()).isEqualTo(4L);
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = {"IN_MEMORY", "H2"})
    void anyOneChangedFieldOfAnyRecordBreaksTheChainThere(Storage storage) {
        AuditLog log = open(storage);
        Random random = new Random(15);
        int count = 30;
        for (int i = 0; i < count; i++) {
            log.record("key:k-" + random.nextInt(3), "master-data.updated", "item:I-" + random.nextInt(5),
                    Map.of("cost", random.nextInt(1000)), Map.of("cost", random.nextInt(1000)));
            clock.advanceSeconds(random.nextInt(100));
        }
        assertThat(log.verify().intact()).isTrue();
        for (int round = 0; round < 10; round++) {
            long position = 1 + random.nextInt(count);
            AuditRecord original = log.find(new AuditQuery(null, null, null, null, null, position - 1, 1)).get(0);
            AuditRecord changed = switch (random.nextInt(4)) {
                case 0 -> withActor(original, original.actor() + "x");
                case 1 -> withAfter(original, "{\"cost\":-1}");
                case 2 -> withTime(original, original.recordedAt().plusSeconds(1));
                default -> withAction(original, "master-data.created");
            };
            replace(storage, changed);
            assertThat(log.verify().firstBrokenPosition()).as("round %d, record %d", round, position)
                    .isEqualTo(position);
            replace(storage, original);
            assertThat(log.verify().intact()).isTrue();
        }
    }

    private void replace(Storage storage, AuditRecord r) {
        if (storage == Storage.IN_MEMORY) {
            memory.overwrite(r);
        } else {
            jdbc.update("UPDATE audit_record SET actor = ?, action = ?, after_state = ?, recorded_at = ? "
                    + "WHERE position = ?", r.actor(), r.action(), r.after(), r.recordedAt().atOffset(ZoneOffset.UTC),
                    r.position());
        }
    }

    private static AuditRecord withActor(AuditRecord r, String actor) {
        return new AuditRecord(r.position(), r.recordedAt(), actor, r.action(), r.subject(), r.before(), r.after(),
                r.previousHash(), r.hash());
    }

    private static AuditRecord withAction(AuditRecord r, String action) {
        return new AuditRecord(r.position(), r.recordedAt(), r.actor(), action, r.subject(), r.before(), r.after(),
                r.previousHash(), r.hash());
    }

    private static AuditRecord withAfter(AuditRecord r, String after) {
        return new AuditRecord(r.position(), r.recordedAt(), r.actor(), r.action(), r.subject(), r.before(), after,
                r.previousHash(), r.hash());
    }

    private static AuditRecord withTime(AuditRecord r, Instant time) {
        return new AuditRecord(r.position(), time, r.actor(), r.action(), r.subject(), r.before(), r.after(),
                r.previousHash(), r.hash());
    }
}
