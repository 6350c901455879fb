package dev.lambdalens.collector.source.aws;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The accounts to monitor: the home account of the default credentials (unless excluded) and one account per
 * configured role, each identified by STS GetCallerIdentity. Resolved once; until the home account resolves, each
 * call tries again.
 */
final class AccountDirectory {

    private static final Logger logger = LoggerFactory.getLogger(AccountDirectory.class);

    private final AwsProperties properties;

    private final AwsClients clients;

    private volatile List<AwsAccount> accounts;

    AccountDirectory(AwsProperties properties, AwsClients clients) {
        this.properties = properties;
        this.clients = clients;
    }

    List<AwsAccount> accounts() {
        List<AwsAccount> resolved = this.accounts;
        if (resolved == null) {
            resolved = resolve();
            this.accounts = resolved;
        }
        return resolved;
    }

    private List<AwsAccount> resolve() {
        List<AwsAccount> resolved = new ArrayList<>();
        AwsCredentialsProvider home = this.clients.homeCredentials();
        if (this.properties.includeHomeAccount()) {
            String id = this.clients.sts(home, "home").getCallerIdentity().account();
            resolved.add(new AwsAccount(id, home));
        }
        for (AwsProperties.Account account : this.properties.accounts()) {
            AwsCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(this.clients.sts(home, "home"))
                .refreshRequest((request) -> request.roleArn(account.roleArn())
                    .roleSessionName("lambdalens")
                    .externalId(account.externalId()))
                .asyncCredentialUpdateEnabled(false)
                .build();
            resolved.add(new AwsAccount(identify(account, role), role));
        }
        return List.copyOf(resolved);
    }

    /** The id STS reports for the role's credentials, or the one in its ARN while the role cannot be assumed. */
    private String identify(AwsProperties.Account account, AwsCredentialsProvider role) {
        try {
            return this.clients.sts(role, account.roleArn()).getCallerIdentity().account();
        }
        catch (RuntimeException ex) {
            logger.warn("Cannot assume {} yet ({}); its account is reported as failing until it can",
                    account.roleArn(), ex.getMessage());
            return account.accountInArn();
        }
    }
}
