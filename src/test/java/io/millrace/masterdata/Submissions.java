package io.millrace.masterdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers that build submissions the way the API does. */
final class Submissions {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Submissions() {
    }

    static Submission json(String body) {
        return JsonSubmissionReader.read(JSON.readTree(body));
    }

    static String demoJson() {
        try (InputStream in = Submissions.class.getResourceAsStream("/demo/master-data.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
