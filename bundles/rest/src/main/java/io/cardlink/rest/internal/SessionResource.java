package io.cardlink.rest.internal;

import io.cardlink.api.Validation;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

/**
 * The console's sign-in: {@code POST /session} checks a user name and password against the JAAS realm and sets a
 * session cookie that the API then accepts instead of HTTP Basic; {@code GET /session} tells who the caller is and
 * what it may do (whether signed in or sending Basic credentials); {@code DELETE /session} signs out. The cookie is
 * HttpOnly (scripts can't read it), SameSite=Strict (other sites can't send it) and limited to the API's path.
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(Role.VIEWER)
public class SessionResource {
    static final String COOKIE = "CARDLINK_SESSION";

    private final JaasRealm realm;
    private final SessionRegistry sessions;

    SessionResource(JaasRealm realm, SessionRegistry sessions) {
        this.realm = realm;
        this.sessions = sessions;
    }

    /** The body of POST /session; the password is never echoed. */
    public record SignIn(String user, String password) {
        @Override
        public String toString() {
            return "SignIn[user=" + user + "]";
        }
    }

    /** Who the caller is: its user name, its API roles, and whether it came by session or by HTTP Basic. */
    public record SessionJson(String user, List<Role> roles, String authentication) {
        static SessionJson of(Caller caller, String scheme) {
            return new SessionJson(caller.user(), caller.roles().stream().sorted().toList(),
                    SecurityContext.FORM_AUTH.equals(scheme) ? "session" : "basic");
        }
    }

    @POST
    @Unauthenticated
    public Response signIn(SignIn body, @Context UriInfo uri, @Context SecurityContext security) {
        new Validation().require("body", body).throwIfInvalid();
        new Validation().require("user", body.user()).require("password", body.password()).throwIfInvalid();
        Caller caller = realm.authenticate(body.user(), body.password().toCharArray());
        if (caller == null) {
            // no challenge: this is a form, and a challenge would make the browser ask with its own dialog
            return ErrorBody.response(401, "wrong user name or password");
        }
        if (!caller.has(Role.ADMIN) && !caller.has(Role.VIEWER)) {
            return ErrorBody.response(403, "the console needs one of the roles "
                    + realm.names(EnumSet.of(Role.ADMIN, Role.VIEWER)));
        }
        String token = sessions.open(caller);
        return Response.ok(SessionJson.of(caller, SecurityContext.FORM_AUTH))
                .header(HttpHeaders.SET_COOKIE, cookie(token, uri, security.isSecure(), false))
                .build();
    }

    @GET
    public SessionJson current(@Context SecurityContext security) {
        return SessionJson.of(Caller.of(security), security.getAuthenticationScheme());
    }

    @DELETE
    public Response signOut(@CookieParam(COOKIE) String token, @Context UriInfo uri,
            @Context SecurityContext security) {
        sessions.close(token);
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie("", uri, security.isSecure(), true))
                .build();
    }

    /**
     * The Set-Cookie header (JAX-RS 2.1's NewCookie knows no SameSite). No Max-Age: the cookie ends with the
     * browser, the session on the server ends by {@link SessionRegistry}'s rules.
     */
    static String cookie(String token, UriInfo uri, boolean secure, boolean expire) {
        String path = uri.getBaseUri().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return COOKIE + "=" + token + "; Path=" + path + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
    }

    /** The session token of a request's cookie, or null. */
    static String token(Map<String, Cookie> cookies) {
        Cookie cookie = cookies.get(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
