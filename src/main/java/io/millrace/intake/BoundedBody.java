package io.millrace.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, refusing larger bodies before (or while) they arrive. */
final class BoundedBody {

    private BoundedBody() {
    }

    static byte[] read(HttpServletRequest request, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw IntakeProblems.tooLarge("The body of " + declared + " bytes exceeds the limit of " + limit
                    + " bytes; nothing was accepted.");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw IntakeProblems.tooLarge("The body exceeds the limit of " + limit
                        + " bytes; nothing was accepted.");
            }
            return body;
        }
    }
}
