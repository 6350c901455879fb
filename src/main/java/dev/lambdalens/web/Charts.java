package dev.lambdalens.web;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns chart definitions into the JSON the page script reads, so that no page needs an inline script.
 */
@Component
class Charts {

    private final JsonMapper json;

    Charts(JsonMapper json) {
        this.json = json;
    }

    List<RenderedChart> render(List<Chart> charts) {
        return charts.stream().map((chart) -> new RenderedChart(chart.title(), this.json.writeValueAsString(chart)))
            .toList();
    }

    /** A chart's title and the JSON of its definition. */
    record RenderedChart(String title, String json) {
    }
}
