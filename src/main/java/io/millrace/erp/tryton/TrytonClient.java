package io.millrace.erp.tryton;

import io.millrace.erp.ErpRefusedException;
import io.millrace.erp.ErpUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tryton's JSON-RPC: {@code common.db.login} gives a session, later calls carry it in an
 * {@code Authorization: Session base64(login:userid:session)} header and the user's context as
 * their last parameter. An expired session (401/403) is renewed once per call. Errors are sorted
 * into refusals (Tryton's user errors: the request was understood and refused) and unavailability
 * (no connection, 5xx, timeouts, and Tryton's own transient errors such as a concurrent update).
 */
public final class TrytonClient {

    /** Tryton's error kinds that mean "no" for a business reason, not "try again". */
    private static final Set<String> REFUSALS = Set.of("UserError", "UserWarning", "AccessError",
            "ValidationError", "RequiredValidationError", "DomainValidationError", "SizeValidationError",
            "SelectionValidationError", "DigitsValidationError", "ForeignKeyError", "RequiredError");

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();
    private volatile String authorization;
    private volatile ObjectNode context;

    /** {@code url} is {@code http://host:port/<database>/}. */
    public TrytonClient(URI url, String user, String password, Duration connectTimeout, Duration timeout) {
        this.url = url.toString().endsWith("/") ? url : URI.create(url + "/");
        this.user = user;
        this.password = password;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /** The database named by the URL's path. */
    public String database() {
        String path = url.getPath();
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? "tryton" : trimmed;
    }

    public URI url() {
        return url;
    }

    /** Calls {@code model.<model>.<method>} with the parameters and the user's context; answers the result. */
    public JsonNode model(String model, String method, Object... params) {
        return modelWithContext(model, method, null, params);
    }

    /** As {@link #model}, with {@code extra} merged into the user's context. */
    public JsonNode modelWithContext(String model, String method, ObjectNode extra, Object... params) {
        for (int attempt = 0; ; attempt++) {
            if (authorization == null) {
                login();
            }
            ObjectNode callContext = context.deepCopy();
            if (extra != null) {
                callContext.setAll(extra);
            }
            List<Object> all = new ArrayList<>(java.util.Arrays.asList(params));
            all.add(callContext);
            try {
                return call("model." + model + "." + method, all, authorization);
            } catch (SessionExpired expired) {
                authorization = null;
                if (attempt > 0) {
                    throw new ErpUnavailableException("Tryton refused the renewed session: " + expired.getMessage(),
                            false, null);
                }
            }
        }
    }

    /** Logs in (again); the session and the user's preferences as context are kept for later calls. */
    public synchronized void login() {
        ObjectNode credentials = JSON.createObjectNode().put("password", password);
        JsonNode result;
        try {
            result = call("common.db.login", List.of(user, credentials), null);
        } catch (SessionExpired ex) {
            throw new ErpRefusedException("Tryton refused the login of '" + user + "': " + ex.getMessage());
        }
        if (!result.isArray() || result.size() < 2) {
            throw new ErpRefusedException("Tryton refused the login of '" + user + "'");
        }
        String token = user + ":" + result.get(0).asLong() + ":" + result.get(1).asString();
        String auth = "Session " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        JsonNode preferences;
        try {
            preferences = call("model.res.user.get_preferences", List.of(true, JSON.createObjectNode()), auth);
        } catch (SessionExpired ex) {
            throw new ErpUnavailableException("Tryton dropped a new session: " + ex.getMessage(), false, null);
        }
        ObjectNode ctx = JSON.createObjectNode();
        preferences.properties().forEach(e -> {
            if (!e.getKey().contains(".")) {
                ctx.set(e.getKey(), e.getValue());
            }
        });
        this.context = ctx;
        this.authorization = auth;
    }

    /** Forgets the session, as if it had expired. */
    void dropSession() {
        authorization = null;
    }

    private JsonNode call(String method, List<Object> params, String auth) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", ids.incrementAndGet());
        body.put("method", method);
        ArrayNode array = body.putArray("params");
        params.forEach(p -> array.add(JSON.valueToTree(p)));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException ex) {
            throw new ErpUnavailableException("Tryton at " + url + " is not reachable: " + ex, false, ex);
        } catch (HttpTimeoutException ex) {
            throw new ErpUnavailableException("Tryton at " + url + " did not answer " + method + " in time", true, ex);
        } catch (IOException ex) {
            boolean sent = !(ex.getCause() instanceof ConnectException);
            throw new ErpUnavailableException("Tryton at " + url + " failed during " + method + ": " + ex, sent, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ErpUnavailableException("interrupted while calling Tryton", true, ex);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new SessionExpired("HTTP " + status);
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new ErpUnavailableException("Tryton answered HTTP " + status + " to " + method, status != 503, null);
        }
        if (status != 200) {
            throw new ErpRefusedException("Tryton answered HTTP " + status + " to " + method + ": "
                    + abbreviate(response.body()));
        }
        JsonNode answer = JSON.readTree(response.body());
        JsonNode error = answer.get("error");
        if (error != null && !error.isNull()) {
            throw error(method, error);
        }
        return answer.get("result");
    }

    private static RuntimeException error(String method, JsonNode error) {
        String kind = error.isArray() && error.size() > 0 ? error.get(0).asString() : "error";
        String message = message(error);
        if (REFUSALS.contains(kind)) {
            return new ErpRefusedException(message);
        }
        return new ErpUnavailableException("Tryton failed on " + method + " (" + kind + "): " + message, false, null);
    }

    private static String message(JsonNode error) {
        if (error.isArray() && error.size() > 1) {
            JsonNode args = error.get(1);
            if (args.isArray() && !args.isEmpty()) {
                String text = args.get(0).asString();
                String description = args.size() > 1 ? args.get(1).asString("") : "";
                return description.isBlank() ? text : text + " " + description;
            }
            return args.asString(args.toString());
        }
        return error.toString();
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static final class SessionExpired extends RuntimeException {
        SessionExpired(String message) {
            super(message);
        }
    }
}
