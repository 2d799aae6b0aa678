package dev.skillgap.ops;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * For {@code load-and-exit}: remembers when a release was last handed to the LLM pass (an exchange
 * sent to {@code seda:release-loaded}) and when an exchange of the LLM pass route last ended, so
 * that the run knows whether a pass has covered the latest data. Watches from outside the routes
 * (a Camel event notifier, added by {@link LoadAndExitRunner}), so the ingest and LLM routes need no hook.
 */
public class LlmPassTracker extends EventNotifierSupport {

    /** The team's contract: the ingest sends every committed release here. */
    static final String RELEASE_LOADED = "seda://release-loaded";

    private final String passRouteId;
    private final AtomicLong releaseHandedOverAt = new AtomicLong();
    private final AtomicLong passEndedAt = new AtomicLong();

    public LlmPassTracker(String passRouteId) {
        this.passRouteId = passRouteId;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeRedeliveryEvents(true);
        // sending events stay on: Camel only emits a sent event when some notifier took the sending one
    }

    public String passRouteId() {
        return passRouteId;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSentEvent sent) {
            if (sent.getEndpoint().getEndpointUri().startsWith(RELEASE_LOADED)) {
                releaseHandedOverAt.set(System.currentTimeMillis());
            }
        } else if ((event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent)
                && passRouteId.equals(((CamelEvent.ExchangeEvent) event).getExchange().getFromRouteId())) {
            passEndedAt.set(System.currentTimeMillis());
        }
    }

    /**
     * Whether a pass ended after {@code sinceMillis} and after the latest release hand-over. A pass
     * that was already running when a release arrived may end after it too: the trigger that
     * release queued is then still waiting, which the caller sees as work queued.
     */
    public boolean passEndedAfterLatestRelease(long sinceMillis) {
        long ended = passEndedAt.get();
        return ended > 0 && ended >= Math.max(sinceMillis, releaseHandedOverAt.get());
    }
}
