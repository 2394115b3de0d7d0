package io.cardlink.api;

/** What kind of problem a failure is, so that monitoring can name it without reading its message. */
public enum FailureKind {
    /** The instance refused the login or the token (wrong user or password, no API access). */
    CREDENTIALS,
    /** No connection could be opened to the instance. */
    UNREACHABLE,
    /** The instance refused the request itself (a 4xx on a read, a filter or a mapping it does not accept). */
    REFUSED,
    /** Anything else. */
    OTHER
}
