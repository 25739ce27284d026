package io.millrace.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteTurnTest {

    private final WriteTurn turn = new WriteTurn();
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void aTransactionThatArrivesLaterQueuesBehindOneAlreadyWaiting() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        turn.take();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            turn.take();
            order.add("waiting");
            turn.give();
        }, other);
        while (turn.queued() == 0) {
            Thread.onSpinWait();
        }
        turn.give();
        turn.take(); // arrives after the waiting one: must not take the turn before it
        order.add("later");
        turn.give();
        waiting.get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("waiting", "later");
    }

    @Test
    void theHolderTakesTheTurnAgainWithoutWaiting() {
        turn.take();
        turn.take();
        turn.give();
        assertThat(turn.isTaken()).isTrue();
        turn.give();
        assertThat(turn.isTaken()).isFalse();
        assertThat(turn.waits()).isZero();
    }
}
