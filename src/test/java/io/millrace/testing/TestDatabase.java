package io.millrace.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.millrace.storage.DatabaseUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, migrated database for one test class: embedded H2 in memory, or a new PostgreSQL
 * database on the server named by {@code MILLRACE_TEST_PG_URL} (default 127.0.0.1:5432, user
 * postgres). When PostgreSQL is unreachable the test is skipped, except under CI ({@code CI=true})
 * where that is a failure.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Kind { H2, POSTGRES }

    private static final String PG_ADMIN_URL =
            System.getenv().getOrDefault("MILLRACE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_USER = System.getenv().getOrDefault("MILLRACE_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = System.getenv().getOrDefault("MILLRACE_TEST_PG_PASSWORD", "");

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final String pgDatabase;
    private final HikariDataSource dataSource;

    private TestDatabase(Kind kind, String url, String user, String password, String pgDatabase) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.pgDatabase = pgDatabase;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        this.dataSource = new HikariDataSource(config);
    }

    /** A new empty database of the given kind, with every Flyway migration applied. */
    public static TestDatabase create(Kind kind) {
        TestDatabase db = kind == Kind.H2 ? h2() : postgres();
        db.migrate();
        return db;
    }

    /** A new empty database without migrations (for tests that start a hub on it). */
    public static TestDatabase createEmpty(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    private static TestDatabase h2() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        return new TestDatabase(Kind.H2, DatabaseUrls.inMemory(name), "sa", "", null);
    }

    private static TestDatabase postgres() {
        requirePostgres();
        String name = "millrace_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot create test database " + name, ex);
        }
        String url = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + name;
        return new TestDatabase(Kind.POSTGRES, url, PG_USER, PG_PASSWORD, name);
    }

    /** Skips the calling test when PostgreSQL is unreachable, or fails it under CI. */
    public static void requirePostgres() {
        if (postgresReachable()) {
            return;
        }
        String message = "PostgreSQL is not reachable at " + PG_ADMIN_URL;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (under CI=true a missing server is a failure)");
        }
        Assumptions.abort(message + ": skipped");
    }

    public static boolean postgresReachable() {
        try (Connection ignored = adminConnection()) {
            return true;
        } catch (SQLException ex) {
            return false;
        }
    }

    private static Connection adminConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PG_USER);
        props.setProperty("password", PG_PASSWORD);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(PG_ADMIN_URL, props);
    }

    public void migrate() {
        // the same locations as the hub's spring.flyway.locations, with its {vendor} resolved
        String vendor = kind == Kind.H2 ? "classpath:db/vendor/h2" : "classpath:db/vendor/postgresql";
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", vendor).load().migrate();
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Spring properties that point a hub at this database. */
    public Map<String, String> springProperties() {
        return Map.of("spring.datasource.url", url, "spring.datasource.username", user,
                "spring.datasource.password", password);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        dataSource.close();
        if (pgDatabase != null) {
            try (Connection c = adminConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // a left-over test database is harmless
            }
        }
    }
}
