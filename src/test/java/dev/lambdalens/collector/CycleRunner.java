package dev.lambdalens.collector;

import org.springframework.context.ApplicationContext;

/**
 * Lets tests outside the collector package run one collection cycle, as the scheduler would.
 */
public final class CycleRunner {

    private CycleRunner() {
    }

    public static int runCycle(ApplicationContext context) {
        return context.getBean(CollectionTrigger.class).runCycle();
    }
}
