package io.millrace.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source on the embedded H2 database that lets one write transaction run at a time.
 *
 * <p>H2's store writes the changes of every open transaction to the file whenever any
 * transaction commits, and takes each table's state at a slightly different moment while other
 * threads go on writing. A kill at the wrong moment therefore leaves a row change on disk without
 * the undo record that would roll it back. The next process gives that orphaned change to its own
 * transaction with the same number, so the restarted hub sees rows of a transaction that never
 * committed, or finds them locked for ever (ADR 0006). When a transaction may only start writing
 * while no other is, every file write holds complete transactions plus their undo records, and
 * recovery rolls back exactly what did not commit.
 *
 * <p>Reads never wait. A transaction takes the turn at its first statement that may write (any
 * statement but a plain query, and queries that lock rows) and gives it back when it commits,
 * rolls back or closes; in auto-commit mode it holds the turn for that one statement.
 */
public final class SerializedWrites extends DelegatingDataSource implements AutoCloseable {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** The hub prepares the same few hundred statements over and over; bounded in case SQL carries literals. */
    private static final int REMEMBERED = 4096;
    private static final Map<String, Boolean> CLASSIFIED = new ConcurrentHashMap<>();

    private final WriteTurn turn = new WriteTurn();

    public SerializedWrites(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guard(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guard(super.getConnection(username, password));
    }

    /** Closes the pool underneath when the application shuts down. */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }

    /** How many write transactions had to wait for another to end. */
    public long waits() {
        return turn.waits();
    }

    /** The time write transactions spent waiting for another to end, in nanoseconds. */
    public long waitedNanos() {
        return turn.waitedNanos();
    }

    /** Whether some transaction holds the write turn now (for tests and diagnostics). */
    public boolean writing() {
        return turn.isTaken();
    }

    /** Whether a statement may change data or take row locks, so that it needs the write turn. */
    static boolean mayWrite(String sql) {
        if (sql == null) {
            return true;
        }
        Boolean known = CLASSIFIED.get(sql);
        if (known != null) {
            return known;
        }
        boolean writes = classify(sql);
        if (CLASSIFIED.size() < REMEMBERED) {
            CLASSIFIED.put(sql, writes);
        }
        return writes;
    }

    private static boolean classify(String sql) {
        // line breaks and runs of blanks become one blank, so that "...\nFOR UPDATE" is seen too
        String s = " " + WHITESPACE.matcher(sql.strip()).replaceAll(" ").toLowerCase(Locale.ROOT) + " ";
        boolean query = s.startsWith(" select ") || s.startsWith(" with ") || s.startsWith(" values ")
                || s.startsWith(" explain ") || s.startsWith(" show ") || s.startsWith(" (");
        return !query || s.contains(" for update") || s.contains(" for share") || s.contains("nextval")
                || s.contains("next value") || s.contains("insert ") || s.contains("update ")
                || s.contains("delete ") || s.contains("merge ");
    }

    private Connection guard(Connection connection) throws SQLException {
        Guard guard = new Guard(connection, connection.getAutoCommit());
        guard.self = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, guard);
        return guard.self;
    }

    /** One connection's share of the turn: held from its first write until its transaction ends. */
    private final class Guard implements InvocationHandler {

        private final Connection target;
        private boolean autoCommit;
        private boolean holding;
        /** The proxy handed out, which its statements return as their connection. */
        private Connection self;

        Guard(Connection target, boolean autoCommit) {
            this.target = target;
            this.autoCommit = autoCommit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "commit", "close", "abort" -> {
                    return endingTransaction(method, args);
                }
                case "rollback" -> {
                    return args == null ? endingTransaction(method, args) : call(target, method, args);
                }
                case "setAutoCommit" -> {
                    Object result = (Boolean) args[0] && !autoCommit
                            ? endingTransaction(method, args) : call(target, method, args);
                    autoCommit = (Boolean) args[0];
                    return result;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "unwrap", "isWrapperFor", "toString" -> {
                    return call(target, method, args);
                }
                default -> {
                    Object result = call(target, method, args);
                    if (result instanceof Statement statement) {
                        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                        return statementProxy(statement, sql);
                    }
                    return result;
                }
            }
        }

        private Object endingTransaction(Method method, Object[] args) throws Throwable {
            try {
                return call(target, method, args);
            } finally {
                release();
            }
        }

        private void release() {
            if (holding) {
                holding = false;
                turn.give();
            }
        }

        private void beforeWrite() {
            if (!holding) {
                turn.take();
                holding = true;
            }
        }

        private Object statementProxy(Statement statement, String preparedSql) {
            Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                    : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
            StatementGuard handler = new StatementGuard(this, statement, preparedSql);
            return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }

    /** Takes the connection's turn before a statement that may write runs. */
    private static final class StatementGuard implements InvocationHandler {

        private final Guard connection;
        private final Statement target;
        /** Whether the prepared statement may write, decided once; null for a plain statement. */
        private final Boolean preparedWrites;
        private boolean batchWrites;

        StatementGuard(Guard connection, Statement target, String preparedSql) {
            this.connection = connection;
            this.target = target;
            this.preparedWrites = preparedSql == null ? null : mayWrite(preparedSql);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return connection.self;
            }
            if (name.equals("addBatch") && args != null && args.length == 1 && args[0] instanceof String sql) {
                batchWrites |= mayWrite(sql);
            }
            if (!EXECUTE.contains(name) || !writes(name, args)) {
                return call(target, method, args);
            }
            connection.beforeWrite();
            try {
                return call(target, method, args);
            } finally {
                if (connection.autoCommit) {
                    connection.release();
                }
            }
        }

        private boolean writes(String name, Object[] args) {
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                return mayWrite(sql);
            }
            if (preparedWrites != null) {
                return preparedWrites || batchWrites;
            }
            return !name.endsWith("Batch") || batchWrites;
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
