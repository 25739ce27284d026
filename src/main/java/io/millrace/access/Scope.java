package io.millrace.access;

import java.util.Set;

/** What a producer key may publish; {@code "*"} in a set allows any value. */
public record Scope(Set<String> sources, Set<String> plants, Set<String> eventTypes) {

    public static final String ANY = "*";

    public static Scope unrestricted() {
        return new Scope(Set.of(ANY), Set.of(ANY), Set.of(ANY));
    }

    public Scope {
        sources = Set.copyOf(sources);
        plants = Set.copyOf(plants);
        eventTypes = Set.copyOf(eventTypes);
    }

    public boolean allowsSource(String source) {
        return sources.contains(ANY) || sources.contains(source);
    }

    public boolean allowsPlant(String plant) {
        return plants.contains(ANY) || plants.contains(plant);
    }

    public boolean allowsType(String type) {
        return eventTypes.contains(ANY) || eventTypes.contains(type);
    }
}
