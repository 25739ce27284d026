package io.millrace.connectivity.mqtt;

/** Opens the package-private topic matching to tests of other packages. */
public final class TopicFiltersProbe {

    private TopicFiltersProbe() {
    }

    public static boolean matches(String filter, String topic) {
        return TopicFilters.matches(filter, topic);
    }
}
