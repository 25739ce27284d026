package io.millrace.masterdata;

import io.millrace.access.Caller;
import io.millrace.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/master-data}: bulk upsert (admin) as JSON of any kinds, or one kind as a JSON
 * array or a CSV file; and reads of everything, of one kind, or of one record (read roles).
 */
@RestController
@RequestMapping("/api/v1/master-data")
class MasterDataController {

    static final String TEXT_CSV = "text/csv";

    /** Numbers are exact decimals; a member given twice is an error, not a silent overwrite. */
    private static final JsonMapper REQUESTS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final MasterDataUpserts upserts;
    private final CachedMasterData masterData;

    MasterDataController(MasterDataUpserts upserts, CachedMasterData masterData) {
        this.upserts = upserts;
        this.masterData = masterData;
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, UpsertCounts> upsert(Caller caller, @RequestBody(required = false) byte[] body) {
        caller.requireAdmin();
        return upserts.upsert(JsonSubmissionReader.read(parse(body)), caller.actor());
    }

    @PutMapping(path = "/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, UpsertCounts> upsertKind(Caller caller, @PathVariable String kind,
                                         @RequestBody(required = false) byte[] body) {
        caller.requireAdmin();
        MasterDataKind known = kind(kind);
        Submission submission = new Submission();
        JsonSubmissionReader.readKind(known, parse(body), Where.json("/" + known.jsonName()), submission);
        return upserts.upsert(submission, caller.actor());
    }

    @PutMapping(path = "/{kind}", consumes = TEXT_CSV)
    Map<String, UpsertCounts> importCsv(Caller caller, @PathVariable String kind,
                                        @RequestBody(required = false) byte[] body) {
        caller.requireAdmin();
        MasterDataKind known = kind(kind);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return upserts.upsert(CsvSubmissionReader.read(known, text), caller.actor());
    }

    @GetMapping
    Map<String, Object> all(Caller caller) {
        caller.requireReadAll();
        MasterDataSnapshot snapshot = masterData.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        for (MasterDataKind kind : MasterDataKind.values()) {
            body.put(kind.jsonName(), snapshot.of(kind).values());
        }
        return body;
    }

    @GetMapping("/{kind}")
    Map<String, Object> ofKind(Caller caller, @PathVariable String kind) {
        caller.requireReadAll();
        MasterDataKind known = kind(kind);
        return Map.of(known.jsonName(), masterData.snapshot().of(known).values());
    }

    @GetMapping("/{kind}/{code}")
    Object one(Caller caller, @PathVariable String kind, @PathVariable String code) {
        caller.requireReadAll();
        MasterDataKind known = kind(kind);
        Object value = masterData.snapshot().of(known).get(code);
        if (value == null) {
            throw ApiProblem.notFound("There is no " + SubmissionValidator.singular(known) + " '" + code + "'.");
        }
        return value;
    }

    private static MasterDataKind kind(String name) {
        return MasterDataKind.fromJsonName(name).orElseThrow(() -> ApiProblem.notFound(
                "There is no kind of master data '" + name + "'; the kinds are "
                        + Arrays.stream(MasterDataKind.values()).map(MasterDataKind::jsonName)
                        .collect(Collectors.joining(", ")) + "."));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("The request body is empty; it must be JSON.");
        }
        try {
            return REQUESTS.readTree(body);
        } catch (JacksonException ex) {
            throw ApiProblem.badRequest("The request body is not valid JSON: " + ex.getOriginalMessage());
        }
    }
}
