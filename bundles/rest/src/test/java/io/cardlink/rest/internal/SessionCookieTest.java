package io.cardlink.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.net.URI;
import javax.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private static UriInfo base(String uri) {
        return (UriInfo) Proxy.newProxyInstance(SessionCookieTest.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBaseUri")) {
                        return URI.create(uri);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theCookieIsHiddenFromScriptsAndOtherSitesAndGoesOnlyToTheApi() {
        assertEquals("CARDLINK_SESSION=abc; Path=/cardlink/api/v1; HttpOnly; SameSite=Strict",
                SessionResource.cookie("abc", base("http://localhost:8181/cardlink/api/v1/"), false, false));
        assertEquals("CARDLINK_SESSION=abc; Path=/cardlink/api/v1; HttpOnly; SameSite=Strict; Secure",
                SessionResource.cookie("abc", base("https://cardlink.example.com/cardlink/api/v1"), true, false));
    }

    @Test
    void signingOutExpiresTheCookie() {
        assertEquals("CARDLINK_SESSION=; Path=/cardlink/api/v1; HttpOnly; SameSite=Strict; Max-Age=0",
                SessionResource.cookie("", base("http://localhost:8181/cardlink/api/v1/"), false, true));
    }
}
