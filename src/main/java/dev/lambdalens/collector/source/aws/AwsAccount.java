package dev.lambdalens.collector.source.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One monitored account: its id and the credentials that reach it.
 */
record AwsAccount(String id, AwsCredentialsProvider credentials) {
}
