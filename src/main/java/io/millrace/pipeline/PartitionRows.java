package io.millrace.pipeline;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of partitioned applying (ADR 0005): one per partition of the events topic with the
 * next offset to take up and a generation, and one lock row per plant. Locks are always taken in
 * the same order (partitions, then plants, each ascending) so that concurrent transactions queue
 * instead of deadlocking.
 */
final class PartitionRows {

    /** A partition's row as locked at the start of a transaction. */
    record Partition(int partition, long nextOffset, long generation) {
    }

    private final JdbcTemplate jdbc;
    private final String topic;
    private final Set<Integer> knownPartitions = ConcurrentHashMap.newKeySet();
    private final Set<String> knownPlants = ConcurrentHashMap.newKeySet();

    PartitionRows(DataSource dataSource, String topic) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.topic = topic;
    }

    /** Creates the rows of partitions seen for the first time (offset 0), in their own transaction. */
    void ensurePartitions(Collection<Integer> partitions) {
        for (int p : new TreeSet<>(partitions)) {
            if (!knownPartitions.contains(p)) {
                jdbc.update("INSERT INTO pipeline_partition (topic, partition_no, next_offset, generation) "
                        + "VALUES (?, ?, 0, 0) ON CONFLICT DO NOTHING", topic, p);
                knownPartitions.add(p);
            }
        }
    }

    /** Creates the lock rows of plants seen for the first time, in their own transaction. */
    void ensurePlants(Collection<String> plants) {
        for (String plant : new TreeSet<>(plants)) {
            if (!knownPlants.contains(plant)) {
                jdbc.update("INSERT INTO pipeline_plant_lock (plant) VALUES (?) ON CONFLICT DO NOTHING", plant);
                knownPlants.add(plant);
            }
        }
    }

    /** Locks the rows of {@code partitions} (which must exist) in ascending order. */
    Map<Integer, Partition> lock(SortedSet<Integer> partitions) {
        Map<Integer, Partition> locked = new TreeMap<>();
        if (partitions.isEmpty()) {
            return locked;
        }
        jdbc.query("SELECT partition_no, next_offset, generation FROM pipeline_partition WHERE topic = ? "
                + "AND partition_no IN (" + marks(partitions.size()) + ") ORDER BY partition_no FOR UPDATE",
                rs -> {
                    locked.put(rs.getInt(1), new Partition(rs.getInt(1), rs.getLong(2), rs.getLong(3)));
                }, args(topic, partitions));
        if (locked.size() != partitions.size()) {
            throw new IllegalStateException("partitions " + partitions + " of " + topic + " have no row: "
                    + locked.keySet());
        }
        return locked;
    }

    /** Locks the lock rows of {@code plants} (which must exist) in ascending order. */
    void lockPlants(SortedSet<String> plants) {
        if (plants.isEmpty()) {
            return;
        }
        List<String> found = jdbc.queryForList("SELECT plant FROM pipeline_plant_lock WHERE plant IN ("
                + marks(plants.size()) + ") ORDER BY plant FOR UPDATE", String.class, plants.toArray());
        if (found.size() != plants.size()) {
            throw new IllegalStateException("plants without a lock row: " + plants + " (found " + found + ")");
        }
    }

    void save(Partition partition) {
        jdbc.update("UPDATE pipeline_partition SET next_offset = ?, generation = ? WHERE topic = ? "
                + "AND partition_no = ?", partition.nextOffset(), partition.generation(), topic, partition.partition());
    }

    /** The sum of the generations of every partition: it changes whenever any instance commits. */
    long generations() {
        Long sum = jdbc.queryForObject("SELECT COALESCE(SUM(generation), 0) FROM pipeline_partition WHERE topic = ?",
                Long.class, topic);
        return sum == null ? 0 : sum;
    }

    /** The next offset of each partition, for seeking after an assignment or a failed transaction. */
    Map<Integer, Long> nextOffsets(Collection<Integer> partitions) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        jdbc.query("SELECT partition_no, next_offset FROM pipeline_partition WHERE topic = ? AND partition_no IN ("
                + marks(partitions.size()) + ")", rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }, args(topic, partitions));
        return offsets;
    }

    private static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static Object[] args(String first, Collection<Integer> rest) {
        Object[] out = new Object[rest.size() + 1];
        out[0] = first;
        int i = 1;
        for (Integer r : rest) {
            out[i++] = r;
        }
        return out;
    }
}
