/**
 * Provisioning: configuration as code. YAML files in {@code lambdalens.provisioning.path} declare channels, rules,
 * silences and budgets; they are applied at start and whenever a file changes, each file whole or not at all, and
 * the objects they declare are marked as provisioned (read-only elsewhere) and removed when removed from the files.
 * The modules that own those objects plug in through {@link dev.lambdalens.provisioning.Provisioner}.
 */
@NullMarked
package dev.lambdalens.provisioning;

import org.jspecify.annotations.NullMarked;
