package io.millrace.simulator;

import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** One thing a plant could do next, how likely it is chosen, and how to do it (one event). */
record Candidate(int weight, Supplier<ObjectNode> emit) {
}
