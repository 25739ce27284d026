package io.millrace.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that writes to an embedded database the way the hub does, many times, and
 * checks after each restart that no change of a transaction that never committed survived: a
 * fresh transaction can write every row, and the cursor, the posted rows and the postings agree.
 * Without {@link SerializedWrites} (run {@link WriteLoad} with {@code concurrent}) about one
 * kill in twelve left rows of the killed transaction locked for ever on this H2 version.
 */
class EmbeddedCrashRecoveryIT {

    private static final int KILLS = 12;
    /** {@code concurrent} shows the fault this test guards against. */
    private static final String MODE = System.getProperty("writeLoad.mode", "serialized");

    @TempDir
    Path dir;

    @Test
    void noUncommittedChangeSurvivesAKillWhenWritesAreSerialized() throws Exception {
        Random random = new Random(20261127L);
        List<String> outcomes = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Process load = start();
            awaitWrites(load);
            Thread.sleep(300 + random.nextInt(1200));
            load.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            String outcome = recovered();
            outcomes.add(outcome);
            assertThat(outcome).as("after kill %d of %d (before: %s)", kill, KILLS, outcomes).startsWith("consistent");
        }
        System.out.println("embedded crash recovery (" + MODE + " writes): " + KILLS + " kills, last "
                + outcomes.get(KILLS - 1));
    }

    private Process start() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("load.log");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                WriteLoad.class.getName(), dir.resolve("db").toString(), MODE)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the load has created its tables and committed postings, so each kill lands mid-stream. */
    private void awaitWrites(Process load) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(load.isAlive()).as("load process: %s", Files.readString(dir.resolve("load.log"))).isTrue();
            if (Files.readString(dir.resolve("load.log")).contains("applying")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the load wrote nothing within 60 s");
    }

    private String recovered() throws SQLException {
        DataSource db = WriteLoad.dataSource(dir.resolve("db"), false);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // a fresh transaction must be able to change every row: a row left locked by the
            // killed transaction times out here
            s.executeUpdate("UPDATE intake SET state = state");
            s.executeUpdate("UPDATE posting SET amount = amount");
            s.executeUpdate("UPDATE cursor_row SET pos = pos");
            try (ResultSet rs = s.executeQuery("SELECT (SELECT pos FROM cursor_row WHERE id = 1), "
                    + "(SELECT COALESCE(MAX(id), 0) FROM intake WHERE state = 'POSTED'), "
                    + "(SELECT COUNT(*) FROM intake WHERE state = 'POSTED'), (SELECT COUNT(*) FROM posting)")) {
                rs.next();
                long cursor = rs.getLong(1);
                long maxPosted = rs.getLong(2);
                long posted = rs.getLong(3);
                long postings = rs.getLong(4);
                c.rollback();
                String figures = "cursor " + cursor + ", last posted " + maxPosted + ", posted " + posted
                        + ", postings " + postings;
                return cursor == maxPosted && posted == postings ? "consistent: " + figures : "broken: " + figures;
            }
        } catch (SQLException ex) {
            return "broken: " + ex.getMessage().lines().findFirst().orElse("");
        }
    }
}
