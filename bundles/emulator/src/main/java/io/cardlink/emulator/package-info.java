/**
 * An emulator of the Matrix42 REST API v1 for tests, demos and dry runs: start it embedded with
 * {@link io.cardlink.emulator.EmulatorServer#start(EmulatorOptions)}, reach each instance at
 * {@link io.cardlink.emulator.EmulatorServer#baseUrl(String)}, and steer it through {@link io.cardlink.emulator.EmulatorInstance}.
 */
@Export
@Version("1.3.0")
package io.cardlink.emulator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
