package dev.lambdalens.logs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the Logs Insights pull on its interval, where it is switched on and the source is AWS. */
@Component
@ConditionalOnExpression("${lambdalens.logs.insights.enabled:false} and '${lambdalens.source:demo}' == 'aws'")
class InsightsPullTrigger {

    private final InsightsPull pull;

    InsightsPullTrigger(InsightsPull pull) {
        this.pull = pull;
    }

    @Scheduled(fixedDelayString = "${lambdalens.logs.insights.interval:5m}",
            initialDelayString = "${lambdalens.logs.insights.interval:5m}")
    void run() {
        this.pull.runAll();
    }
}
