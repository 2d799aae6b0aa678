package dev.skillgap.enrich;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ChatModel} bean that the langchain4j-chat endpoint of route enrich-call-llm autowires: the provider's
 * model (OpenAI-compatible or Ollama, built by {@link LlmConfiguration}) with two additions the endpoint cannot make,
 * since camel-langchain4j-chat 4.17 calls {@code chat(List<ChatMessage>)} and returns only the reply's text:
 * <ul>
 *   <li>the per-call response format (the JSON schema names the asked element_ids): the question step puts it on the
 *       user message as an attribute ({@link #withResponseFormat}), which LangChain4j never sends to the provider;
 *       this class moves it into the request;</li>
 *   <li>the finish reason: a reply cut off at its length becomes a {@link TruncatedReplyException} with the partial
 *       text, handled by route enrich-ask-llm.</li>
 * </ul>
 * The provider model's listeners ({@link LlmMetrics}) see every call as before: this class calls its
 * {@code chat(ChatRequest)}.
 */
public class EnrichChatModel implements ChatModel {

    /** User message attribute: the {@link ResponseFormat} of the question. */
    static final String RESPONSE_FORMAT = "skillgap.response-format";

    private final ChatModel provider;

    public EnrichChatModel(ChatModel provider) {
        this.provider = provider;
    }

    /** What the langchain4j-chat endpoint's {@code chat(List<ChatMessage>)} calls. */
    @Override
    public ChatResponse chat(ChatRequest request) {
        ResponseFormat format = responseFormat(request.messages());
        ChatRequest sent = format == null || request.responseFormat() != null ? request
                : request.toBuilder().parameters(request.parameters()
                        .overrideWith(ChatRequestParameters.builder().responseFormat(format).build())).build();
        ChatResponse response = provider.chat(sent);
        if (response.finishReason() == FinishReason.LENGTH) {
            throw new TruncatedReplyException(response.aiMessage() == null ? null : response.aiMessage().text(),
                    response.tokenUsage() == null ? null : response.tokenUsage().outputTokenCount());
        }
        return response;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return provider.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return provider.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return provider.supportedCapabilities();
    }

    /**
     * The messages of one question with the response format that skillgap.llm.response-format asks for put on the
     * user message (the last one) as an attribute; unchanged in mode off.
     */
    static List<ChatMessage> withResponseFormat(LlmProperties llm, List<ChatMessage> messages,
                                                List<SkillPair> asked) {
        ResponseFormat format = switch (llm.responseFormat()) {
            case SCHEMA -> schemaFormat(asked.stream().map(SkillPair::elementId).toList());
            case JSON -> ResponseFormat.JSON;
            case OFF -> null; // free text; the strict parser still finds the JSON object
        };
        List<ChatMessage> question = new ArrayList<>(messages);
        int last = question.size() - 1;
        if (format != null && last >= 0 && question.get(last) instanceof UserMessage user) {
            Map<String, Object> attributes = new HashMap<>(user.attributes());
            attributes.put(RESPONSE_FORMAT, format);
            question.set(last, user.toBuilder().attributes(attributes).build());
        }
        return question;
    }

    private static ResponseFormat responseFormat(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) {
                return user.attribute(RESPONSE_FORMAT, ResponseFormat.class);
            }
        }
        return null;
    }

    /**
     * {"scores":[{"element_id": one of the asked ids, "level": number, "rationale": string}]}. The level's range
     * (0-7) is in its description only: JSON schema's minimum/maximum are not supported by every provider's
     * structured output; the strict parser checks the range.
     */
    static ResponseFormat schemaFormat(List<String> elementIds) {
        JsonObjectSchema item = JsonObjectSchema.builder()
                .addProperty("element_id", JsonEnumSchema.builder().enumValues(elementIds).build())
                .addProperty("level", JsonNumberSchema.builder()
                        .description("LV level from 0 to 7, at most two decimals").build())
                .addProperty("rationale", JsonStringSchema.builder().description("one sentence").build())
                .required("element_id", "level", "rationale")
                .additionalProperties(false)
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("scores", JsonArraySchema.builder().items(item).build())
                .required("scores")
                .additionalProperties(false)
                .build();
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("skill_levels").rootElement(root).build())
                .build();
    }
}
