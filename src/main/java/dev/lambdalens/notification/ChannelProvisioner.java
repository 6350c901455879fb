package dev.lambdalens.notification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.lambdalens.AuditableChange;
import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.provisioning.DeclarationException;
import dev.lambdalens.provisioning.Declarations;
import dev.lambdalens.provisioning.Provisioner;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The {@code channels} section of provisioning files: each item is a channel as {@code POST /api/v1/channels}
 * takes it, with the same checks; its url and secret come from environment placeholders
 * ({@code url: ${SLACK_WEBHOOK_URL}}), so no secret sits in the files. Exported channels carry placeholders in
 * their place ({@code LAMBDALENS_CHANNEL_<NAME>_URL}, {@code _SECRET}).
 */
@Component
class ChannelProvisioner implements Provisioner {

    private final ChannelRepository channels;

    private final ChannelCatalog catalog;

    private final JsonMapper json;

    private final Validator validator;

    private final ApplicationEventPublisher events;

    ChannelProvisioner(ChannelRepository channels, ChannelCatalog catalog, JsonMapper json, Validator validator,
            ApplicationEventPublisher events) {
        this.channels = channels;
        this.catalog = catalog;
        this.json = json;
        this.validator = validator;
        this.events = events;
    }

    @Override
    public String section() {
        return "channels";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void apply(String source, List<Map<String, Object>> items, References references) {
        Map<String, Channel> byName = new LinkedHashMap<>();
        this.channels.findAll().forEach((channel) -> byName.put(channel.name(), channel));
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Channel channel;
            try {
                channel = this.catalog.build(Declarations.read(items.get(i), ChannelRequest.class, i, this.json,
                        this.validator));
            }
            catch (InvalidFieldException ex) {
                throw Declarations.of(ex, i);
            }
            if (!declared.add(channel.name())) {
                throw new DeclarationException(i, "name", "'" + channel.name() + "' is declared twice");
            }
            Channel existing = byName.get(channel.name());
            if (existing == null) {
                channel.provisionedFrom(source);
                Channel saved = this.channels.save(channel);
                this.events.publishEvent(AuditableChange.created("channel", String.valueOf(saved.id()),
                        ChannelsApiController.ChannelResponse.of(saved)));
                continue;
            }
            if (existing.provisionedFrom() != null && !existing.provisionedFrom().equals(source)) {
                throw new DeclarationException(i, "name", "'" + channel.name() + "' is declared in "
                        + existing.provisionedFrom() + " already");
            }
            if (!existing.sameAs(channel) || !source.equals(existing.provisionedFrom())) {
                Object before = ChannelsApiController.ChannelResponse.of(existing);
                existing.redeclare(channel, source);
                this.events.publishEvent(AuditableChange.changed("channel", String.valueOf(existing.id()), before,
                        ChannelsApiController.ChannelResponse.of(existing)));
            }
        }
        for (Channel channel : byName.values()) {
            if (source.equals(channel.provisionedFrom()) && !declared.contains(channel.name())) {
                this.channels.delete(channel);
                this.events.publishEvent(AuditableChange.deleted("channel", String.valueOf(channel.id()),
                        ChannelsApiController.ChannelResponse.of(channel)));
            }
        }
        this.channels.flush();
    }

    @Override
    public Set<String> sources() {
        return this.channels.findAll()
            .stream()
            .map(Channel::provisionedFrom)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    }

    @Override
    public Optional<Long> idOf(String name) {
        return this.channels.findAll().stream().filter((c) -> c.name().equals(name)).map(Channel::id).findFirst();
    }

    @Override
    public Optional<String> nameOf(long id) {
        return this.channels.findById(id).map(Channel::name);
    }

    @Override
    public List<Map<String, Object>> export(References references) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Channel channel : this.channels.findAll()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", channel.name());
            fields.put("type", channel.type().name());
            boolean secretUrl = channel.type() != ChannelType.EMAIL && channel.type() != ChannelType.SNS;
            fields.put("url", secretUrl ? "${" + variable(channel.name()) + "_URL}" : channel.url());
            if (channel.secret() != null) {
                fields.put("secret", "${" + variable(channel.name()) + "_SECRET}");
            }
            fields.put("minimumSeverity", channel.minimumSeverity().name());
            fields.put("enabled", channel.enabled());
            items.add(fields);
        }
        return items;
    }

    /** {@code oncall slack} becomes {@code LAMBDALENS_CHANNEL_ONCALL_SLACK}. */
    static String variable(String channelName) {
        return "LAMBDALENS_CHANNEL_" + channelName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_")
            .replaceAll("^_|_$", "");
    }
}
