package dev.skillgap.enrich;

/**
 * The LLM server said the reply stopped at its length limit (finish reason "length" on OpenAI-compatible servers,
 * done_reason "length" on Ollama): thrown by {@link EnrichChatModel} so that route enrich-ask-llm can tell a cut-off
 * reply from a whole one (camel-langchain4j-chat passes on only the reply's text). Not a transient error: the same
 * question would be cut off again, so it is never retried; the partial text goes to the same strict reading as any
 * reply, which keeps its complete items and asks for the rest in halves.
 */
public class TruncatedReplyException extends RuntimeException {

    private final String partialText;
    private final Integer outputTokens;

    public TruncatedReplyException(String partialText, Integer outputTokens) {
        super("the LLM reply was cut off at its length limit after " + (outputTokens == null ? "?" : outputTokens)
                + " output tokens");
        this.partialText = partialText == null ? "" : partialText;
        this.outputTokens = outputTokens;
    }

    /** The text the server sent before the cut (may be empty). */
    public String partialText() {
        return partialText;
    }

    /** Output tokens the server reported, or null. */
    public Integer outputTokens() {
        return outputTokens;
    }
}
