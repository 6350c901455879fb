package dev.lambdalens.collector;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which source LambdaLens monitors.
 *
 * @param source {@code demo} (default) or {@code aws}
 */
@ConfigurationProperties("lambdalens")
record SourceSettings(@DefaultValue("demo") SourceKind source) {
}
