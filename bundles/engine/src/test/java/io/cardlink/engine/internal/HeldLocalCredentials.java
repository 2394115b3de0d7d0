package io.cardlink.engine.internal;

/** The engine's local credentials held in memory, as the engine settings hold them. */
final class HeldLocalCredentials implements LocalCredentialStore {
    private String user;
    private String sealedPassword;

    @Override
    public synchronized String localUser() {
        return user;
    }

    @Override
    public synchronized String sealedLocalPassword() {
        return sealedPassword;
    }

    @Override
    public synchronized void storeLocalCredentials(String user, String sealedPassword) {
        this.user = user;
        this.sealedPassword = sealedPassword;
    }
}
