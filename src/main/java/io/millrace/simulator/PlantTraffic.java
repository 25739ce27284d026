package io.millrace.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * An endless, deterministic stream of plant traffic as structured CloudEvents: the same master
 * data, plants, seed and clock give the same events. Each step picks a plant and one of the things
 * it could do next (receive, transfer, release, consume, confirm, scrap, complete, close, hold,
 * release or reject a lot, ship, invoice, count), weighted for a realistic mix. The shadow model
 * behind it makes every event post without error when the events are applied in the order
 * emitted. The stream ends only when no plant can do anything more (purchase and sales order
 * quantities used up).
 */
public final class PlantTraffic implements Iterator<ObjectNode> {

    /** The clock of {@link #generate(MasterDataSet, List, long, int)}: a fixed working-day morning. */
    public static final Instant DEFAULT_TIME = Instant.parse("2026-03-02T06:00:00Z");

    private record Plant(PlantState state, ProcurementActions procurement, ProductionActions production,
                         StockActions stock) {
        List<Candidate> candidates() {
            List<Candidate> out = new ArrayList<>();
            procurement.candidates(out);
            stock.candidates(out);
            production.candidates(out);
            return out;
        }
    }

    private record Deferred(ObjectNode event, int[] countdown) {
    }

    private final List<Plant> plants = new ArrayList<>();
    private final SplittableRandom random;
    private final TrafficOptions options;
    private final LinkedList<Deferred> deferred = new LinkedList<>();
    private final LinkedList<ObjectNode> ready = new LinkedList<>();
    private boolean exhausted;

    public PlantTraffic(MasterDataSet master, List<String> plantCodes, long seed, Clock clock, TrafficOptions options) {
        if (plantCodes.isEmpty()) {
            throw new IllegalArgumentException("no plant to simulate");
        }
        this.random = new SplittableRandom(seed);
        this.options = options;
        EventFactory events = new EventFactory(clock, seed);
        for (String code : plantCodes.stream().distinct().toList()) {
            PlantState state = new PlantState(PlantLayout.of(master, code), random.split(), events);
            plants.add(new Plant(state, new ProcurementActions(state, options.currency()),
                    new ProductionActions(state, !options.commutingOnly()),
                    new StockActions(state, options.commutingOnly())));
        }
    }

    public PlantTraffic(MasterDataSet master, List<String> plantCodes, long seed, Clock clock) {
        this(master, plantCodes, seed, clock, TrafficOptions.defaults());
    }

    /** The first {@code count} events (fewer only if the plants run out of work) at {@link #DEFAULT_TIME}. */
    public static List<ObjectNode> generate(MasterDataSet master, List<String> plants, long seed, int count) {
        return generate(master, plants, seed, count, Clock.fixed(DEFAULT_TIME, ZoneOffset.UTC), TrafficOptions.defaults());
    }

    public static List<ObjectNode> generate(MasterDataSet master, List<String> plants, long seed, int count,
                                            Clock clock, TrafficOptions options) {
        PlantTraffic traffic = new PlantTraffic(master, plants, seed, clock, options);
        List<ObjectNode> out = new ArrayList<>(count);
        while (out.size() < count && traffic.hasNext()) {
            out.add(traffic.next());
        }
        // what the taken events depend on but was held back or queued behind them comes too, so
        // that a stream with early events is complete (it may then be a few events longer)
        out.addAll(traffic.ready);
        traffic.deferred.forEach(d -> out.add(d.event()));
        return out;
    }

    /**
     * Codes of the plants the simulator can run: those with store, supply and finished-goods
     * locations, a work centre, and a sales order line for something made from what they buy.
     */
    public static List<String> runnablePlants(MasterDataSet master) {
        List<String> out = new ArrayList<>();
        for (var plant : master.plants()) {
            try {
                PlantLayout.of(master, plant.code());
                out.add(plant.code());
            } catch (IllegalArgumentException notRunnable) {
                // left out: nothing to simulate there
            }
        }
        return out;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !exhausted) {
            step();
        }
        return !ready.isEmpty();
    }

    @Override
    public ObjectNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the plants have no more work: order quantities are used up");
        }
        return ready.removeFirst();
    }

    private void step() {
        List<Plant> order = new ArrayList<>(plants);
        while (!order.isEmpty()) {
            Plant plant = order.remove(random.nextInt(order.size()));
            plant.state().step++;
            List<Candidate> candidates = plant.candidates();
            if (!candidates.isEmpty()) {
                emit(choose(candidates).emit().get());
                return;
            }
        }
        exhausted = true;
        deferred.forEach(d -> ready.add(d.event()));
        deferred.clear();
    }

    private Candidate choose(List<Candidate> candidates) {
        int total = candidates.stream().mapToInt(Candidate::weight).sum();
        int ticket = random.nextInt(total);
        for (Candidate c : candidates) {
            ticket -= c.weight();
            if (ticket < 0) {
                return c;
            }
        }
        throw new IllegalStateException("weights changed while choosing");
    }

    private void emit(ObjectNode event) {
        if (options.earlyEvents() && holdsBack(event) && random.nextDouble() < 0.2) {
            deferred.add(new Deferred(event, new int[] {2 + random.nextInt(7)}));
            return;
        }
        flushDependenciesOf(event);
        ready.add(event);
        for (Iterator<Deferred> it = deferred.iterator(); it.hasNext(); ) {
            Deferred d = it.next();
            if (--d.countdown()[0] <= 0) {
                ready.add(d.event());
                it.remove();
            }
        }
    }

    private static boolean holdsBack(ObjectNode event) {
        String type = event.get("type").asString();
        return type.equals("mfg.production.order.released") || type.equals("mfg.procurement.goods.received");
    }

    /** A closing event (order close, count) must never overtake what it settles: send held-back events first. */
    private void flushDependenciesOf(ObjectNode event) {
        String type = event.get("type").asString();
        if (!type.equals("mfg.production.order.closed") && !type.equals("mfg.inventory.count.adjusted")) {
            return;
        }
        String key = type.endsWith("closed") ? event.get("data").get("orderId").asString()
                : event.get("data").get("lot").asString();
        for (Iterator<Deferred> it = deferred.iterator(); it.hasNext(); ) {
            ObjectNode held = it.next().event();
            String heldKey = held.get("type").asString().endsWith("released")
                    ? held.get("data").get("orderId").asString() : held.get("data").get("lot").asString();
            if (heldKey.equals(key)) {
                ready.add(held);
                it.remove();
            }
        }
    }
}
