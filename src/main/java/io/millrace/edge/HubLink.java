package io.millrace.edge;

import java.io.IOException;
import java.time.Duration;

/**
 * The edge agent's line to its hub: plain requests and the hub's answers, whatever they are. What
 * an answer means (delivered, refused for good, try again later) is decided by the callers, so a
 * hub simulated in tests answers exactly as the real one does.
 */
public interface HubLink {

    /** @throws IOException when no answer came: the hub is down, unreachable, or the answer was lost */
    Answer get(String path) throws IOException;

    /** @throws IOException when no answer came, whether or not the hub received the request */
    Answer post(String path, String contentType, byte[] body) throws IOException;

    /** One HTTP answer; {@code retryAfter} is the hub's {@code Retry-After}, or null. */
    record Answer(int status, String body, Duration retryAfter) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }
    }
}
