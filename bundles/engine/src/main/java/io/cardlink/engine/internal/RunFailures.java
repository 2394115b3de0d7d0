package io.cardlink.engine.internal;

import io.cardlink.api.CardlinkException;
import io.cardlink.api.ValidationException;
import io.cardlink.api.run.RunFailure;

/** Why a run failed, from the exception that stopped it (or one it wraps). */
final class RunFailures {
    private RunFailures() {
    }

    static RunFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValidationException) {
                // a mapping that does not compile against the templates, or settings the instance can't take
                return RunFailure.REFUSED;
            }
            if (cause instanceof CardlinkException cardlink) {
                return switch (cardlink.kind()) {
                    case CREDENTIALS -> RunFailure.CREDENTIALS;
                    case UNREACHABLE -> RunFailure.UNREACHABLE;
                    case REFUSED -> RunFailure.REFUSED;
                    case OTHER -> RunFailure.OTHER;
                };
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return RunFailure.OTHER;
    }
}
