package dev.lambdalens.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.lambdalens.InvalidFieldException;
import dev.lambdalens.Paging;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The delivery log page: every notification owed, newest first, a page at a time (keyset on the id, as the API),
 * narrowed by status and channel, each with its attempts (read in one query for the page).
 */
@Controller
class DeliveriesPageController {

    /** Deliveries per page when the address names no limit. */
    static final int PAGE = 50;

    private final DeliveryRepository deliveries;

    private final DeliveryAttemptRepository attempts;

    private final ChannelRepository channels;

    DeliveriesPageController(DeliveryRepository deliveries, DeliveryAttemptRepository attempts,
            ChannelRepository channels) {
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.channels = channels;
    }

    @GetMapping("/channels/deliveries")
    @Transactional(readOnly = true)
    String deliveries(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Long channel,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor, Model model) {
        boolean paged = cursor != null && !cursor.isBlank();
        Delivery.Status only;
        int size;
        long before;
        try {
            only = DeliveriesApiController.status(status);
            size = (limit != null) ? Paging.limit(limit) : PAGE;
            before = paged ? Paging.number(Paging.keyOf(cursor, 1).get(0)) : Long.MAX_VALUE;
        }
        catch (InvalidFieldException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
        }
        List<Delivery> rows = this.deliveries.page(before, only, channel, Instant.EPOCH, Paging.END_OF_TIME,
                Limit.of(size + 1));
        List<Delivery> page = rows.subList(0, Math.min(size, rows.size()));
        Map<Long, List<DeliveryAttempt>> log = new HashMap<>();
        if (!page.isEmpty()) {
            this.attempts.findByDeliveryIdInOrderByAtAscIdAsc(page.stream().map(Delivery::id).toList())
                .forEach((a) -> log.computeIfAbsent(a.deliveryId(), (k) -> new ArrayList<>()).add(a));
        }
        Map<Long, String> names = new LinkedHashMap<>();
        this.channels.findAll().forEach((c) -> names.put(c.id(), c.name()));
        model.addAttribute("deliveries", page.stream()
            .map((d) -> new Row(d.id(), names.getOrDefault(d.channelId(), "deleted channel " + d.channelId()),
                    d.idempotencyKey().contains("-resolved-") ? "resolved" : d.idempotencyKey().contains("-firing-")
                            ? "firing" : "other",
                    d.status().name(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt(), d.lastError(),
                    log.getOrDefault(d.id(), List.of())
                        .stream()
                        .map((a) -> a.outcome() + ((a.httpStatus() != null) ? " " + a.httpStatus() : ""))
                        .toList()))
            .toList());
        model.addAttribute("channelNames", names);
        model.addAttribute("statuses", Delivery.Status.values());
        model.addAttribute("status", (only != null) ? only.name() : null);
        model.addAttribute("channel", channel);
        model.addAttribute("paged", paged);
        Delivery last = page.isEmpty() ? null : page.get(page.size() - 1);
        model.addAttribute("next", (rows.size() > size && last != null) ? ServletUriComponentsBuilder
            .fromCurrentRequest().replaceQueryParam("cursor", Paging.cursorOf(last.id())).build().toUriString() : null);
        model.addAttribute("first",
                ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("cursor").build().toUriString());
        return "notification/deliveries";
    }

    /**
     * One delivery as the page shows it.
     *
     * @param kind whether it tells of alerts firing or resolved
     * @param attempts each attempt's outcome (and HTTP status), oldest first
     */
    record Row(long id, String channel, String kind, String status, Instant createdAt, Instant nextAttemptAt,
            @Nullable Instant deliveredAt, @Nullable String lastError, List<String> attempts) {
    }
}
