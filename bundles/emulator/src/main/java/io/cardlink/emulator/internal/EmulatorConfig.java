package io.cardlink.emulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the emulator servlet in Karaf ({@code etc/io.cardlink.emulator.cfg}). */
@ObjectClassDefinition(name = "Cardlink Matrix42 emulator", pid = "io.cardlink.emulator",
        description = "Emulated Matrix42 REST API v1 instances served at /emulator/NAME/rest-api/itsm/v1")
@interface EmulatorConfig {

    @AttributeDefinition(name = "Instances", description = "Fixture instances to serve; empty serves every instance")
    String[] instances() default {"local", "remote"};

    @AttributeDefinition(name = "Fixture file", description = "Path of a fixture JSON file; empty uses the demo fixture")
    String fixture() default "";

    @AttributeDefinition(name = "Token lifetime (s)", description = "Lifetime of issued JWTs in seconds", min = "1")
    long tokenLifetimeSeconds() default 900;

    @AttributeDefinition(name = "Upload limit (bytes)", description = "Largest file upload; larger ones get 413", min = "1")
    long uploadLimitBytes() default 10485760;

    @AttributeDefinition(name = "Generate", description = "Synthetic cards added at start, each instance:template:count[:seed]",
            required = false)
    String[] generate() default {};

    @AttributeDefinition(name = "Most cards", description = "Most cards an instance may hold after generating some;"
            + " the emulator shares Karaf's memory", min = "1")
    int maxCards() default 200_000;
}
