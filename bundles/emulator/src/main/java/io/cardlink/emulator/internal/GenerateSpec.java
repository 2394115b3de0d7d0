package io.cardlink.emulator.internal;

import io.cardlink.emulator.EmulatorOptions;

/** Reads {@code instance:template:count[:seed]}, as given to {@code --generate} and to the Karaf configuration. */
final class GenerateSpec {
    private GenerateSpec() {
    }

    static EmulatorOptions apply(EmulatorOptions options, String spec) {
        String[] parts = spec.trim().split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("generate spec must be instance:template:count[:seed], not '" + spec + "'");
        }
        try {
            int count = Integer.parseInt(parts[2]);
            long seed = parts.length == 4 ? Long.parseLong(parts[3]) : 42L;
            return options.withGenerated(parts[0], parts[1], count, seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("count and seed of '" + spec + "' must be numbers", e);
        }
    }
}
