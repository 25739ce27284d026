package io.millrace.connectivity;

/** Plant message dialects of the tests and the mappings that read them. */
final class Dialects {

    private Dialects() {
    }

    /** A line gateway's JSON: {msg: consume|done, wo, mat|part, batch, qty, unit, at}. */
    static String gatewayMapping(PlantFixture p) {
        return "message.msg = 'consume' ? {'type': 'mfg.production.material.consumed', 'time': message.at, "
                + "'subject': message.wo, 'data': {'orderId': message.wo, 'item': message.mat, 'lot': message.batch, "
                + "'quantity': message.qty, 'uom': message.unit, 'location': '" + p.line + "'}} : "
                + "message.msg = 'done' ? {'type': 'mfg.production.order.completed', 'time': message.at, "
                + "'subject': message.wo, 'data': {'orderId': message.wo, 'item': message.part, 'lot': message.batch, "
                + "'quantity': $number(message.qty), 'uom': 'ea', 'location': '" + p.fg + "'}}";
    }

    static String gatewayBinding(PlantFixture p, String channel, String topic) {
        return "{\"channel\":\"" + channel + "\"," + (topic == null ? "" : "\"topic\":\"" + topic + "\",")
                + "\"format\":\"json\",\"source\":\"urn:millrace:plant:" + p.plant + ":gateway\",\"plants\":[\""
                + p.plant + "\"],\"eventTypes\":[\"mfg.production.material.consumed\","
                + "\"mfg.production.order.completed\"],\"mapping\":" + ConnectivityHub.quoted(gatewayMapping(p)) + "}";
    }

    static String consume(PlantFixture p, String order, String lot, String qty, String unit) {
        return "{\"msg\":\"consume\",\"wo\":\"" + order + "\",\"mat\":\"" + p.raw + "\",\"batch\":\"" + lot
                + "\",\"qty\":" + qty + ",\"unit\":\"" + unit + "\",\"at\":\"2026-11-26T09:00:00Z\"}";
    }

    static String done(PlantFixture p, String order, String lot, String qty) {
        return "{\"msg\":\"done\",\"wo\":\"" + order + "\",\"part\":\"" + p.good + "\",\"batch\":\"" + lot
                + "\",\"qty\":\"" + qty + "\",\"at\":\"2026-11-26T10:00:00Z\"}";
    }
}
