package io.cardlink.jetty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

    @Test
    void aRequestJettyCouldNotParseIsAnsweredInTheApisErrorShape() {
        HttpFields fields = new HttpFields();
        String body = StandardCharsets.UTF_8.decode(new JsonErrorHandler().badMessageError(400,
                "Bad \"escape\" \u0000 in path", fields)).toString();
        assertEquals("{\"status\":400,\"error\":\"Bad Request\",\"message\":\"Bad \\\"escape\\\" \\u0000 in path\"}", body);
        assertEquals(JsonErrorHandler.JSON, fields.get(HttpHeader.CONTENT_TYPE));
    }

    @Test
    void withoutAReasonTheStatusSpeaks() {
        assertEquals("{\"status\":431,\"error\":\"Request Header Fields Too Large\",\"message\":"
                + "\"Request Header Fields Too Large\"}", JsonErrorHandler.body(431, null));
    }
}
