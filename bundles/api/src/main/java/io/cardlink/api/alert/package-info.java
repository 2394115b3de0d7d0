/**
 * Alerts: conditions that need an operator (a failing run, wrong credentials, an unreachable instance, a certificate
 * about to expire, ...), raised once per condition and subject, updated while the condition lasts, resolved when it
 * clears, and acknowledged by an operator.
 */
@Export
@Version("1.0.0")
package io.cardlink.api.alert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
