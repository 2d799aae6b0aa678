package dev.skillgap.enrich;

import java.util.List;

/** The configured LLM servers in {@code base-url} order; none with provider none. */
public record LlmServers(List<LlmServer> all) {

    public LlmServers {
        all = List.copyOf(all);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public int size() {
        return all.size();
    }
}
