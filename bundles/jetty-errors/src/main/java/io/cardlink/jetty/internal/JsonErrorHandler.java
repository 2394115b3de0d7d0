package io.cardlink.jetty.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers in the shape of the Cardlink API's errors: {@code {"status":400,"error":"Bad Request",
 * "message":"..."}}. Jetty calls {@link #badMessageError} for a request it could not even parse (a {@code %00} or a
 * broken escape in the path, a header too large) and {@link #generateAcceptableResponse} for other errors it answers
 * itself, such as a path no context serves.
 */
public class JsonErrorHandler extends ErrorHandler {
    static final String JSON = "application/json;charset=utf-8";

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        byte[] body = body(code, message).getBytes(StandardCharsets.UTF_8);
        response.setContentType(JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String body(int status, String message) {
        String reason = HttpStatus.getMessage(status);
        String shown = message == null || message.isBlank() ? reason : message;
        return "{\"status\":" + status + ",\"error\":" + quoted(reason) + ",\"message\":" + quoted(shown) + "}";
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
