package io.millrace.testing;

/**
 * The embedded KRaft broker of the tests as a process of its own, for trying multi-instance hubs
 * and for {@code millrace bench kafka} on a machine without Kafka: prints its bootstrap address and
 * runs until stopped. Start it from the test classpath (see the README).
 */
public final class StandaloneBroker {

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("kafka bootstrap: " + TestKafka.bootstrap());
        System.out.flush();
        Thread.currentThread().join();
    }
}
