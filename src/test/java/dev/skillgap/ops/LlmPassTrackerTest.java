package dev.skillgap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker on a real Camel context whose routes hand releases over the way ingest and LLM routes do. */
class LlmPassTrackerTest {

    private final LlmPassTracker tracker = new LlmPassTracker("enrich-pass");
    private final Semaphore passMayEnd = new Semaphore(0);
    private final CountDownLatch passStarted = new CountDownLatch(1);
    private CamelContext camel;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.getManagementStrategy().addEventNotifier(tracker);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:load").routeId("release-process").to("seda:release-loaded?waitForTaskToComplete=Never");
                from("seda:release-loaded").routeId("enrich-after-release").to("seda:enrich-pass?waitForTaskToComplete=Never");
                from("seda:enrich-pass").routeId("enrich-pass").process(exchange -> {
                    passStarted.countDown();
                    passMayEnd.tryAcquire(30, TimeUnit.SECONDS);
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        passMayEnd.release(10);
        camel.stop();
    }

    @Test
    void aPassCountsOnlyOnceItHasEndedAfterTheLatestRelease() throws Exception {
        long start = System.currentTimeMillis();
        assertThat(tracker.passEndedAfterLatestRelease(start)).as("no pass yet").isFalse();

        camel.createProducerTemplate().sendBody("direct:load", "release 1");
        assertThat(passStarted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tracker.passEndedAfterLatestRelease(start)).as("pass still running").isFalse();

        passMayEnd.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> tracker.passEndedAfterLatestRelease(start));

        Thread.sleep(5); // the next hand-over must be a later millisecond than the pass end
        camel.createProducerTemplate().sendBody("direct:load", "release 2");
        assertThat(tracker.passEndedAfterLatestRelease(start)).as("a newer release awaits its pass").isFalse();

        passMayEnd.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> tracker.passEndedAfterLatestRelease(start));
    }

    @Test
    void aPassThatEndedBeforeTheRunStartedDoesNotCount() throws Exception {
        passMayEnd.release();
        camel.createProducerTemplate().sendBody("seda:enrich-pass", "resume");
        await().atMost(Duration.ofSeconds(30)).until(() -> tracker.passEndedAfterLatestRelease(0));

        assertThat(tracker.passEndedAfterLatestRelease(System.currentTimeMillis() + 1000)).isFalse();
    }
}
