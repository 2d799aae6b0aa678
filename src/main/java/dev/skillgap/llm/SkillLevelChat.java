package dev.skillgap.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The LLM call of route enrich-call-llm: the whole {@link ChatRequest} to the configured {@link ChatModel}, the
 * whole {@link ChatResponse} back. Hand-written instead of the langchain4j-chat endpoint because camel-langchain4j-chat
 * 4.17 calls {@code chat(List<ChatMessage>)} and returns only the reply's text: the finish reason (a reply cut off
 * at its length) and a per-call response format (the JSON schema names the asked element_ids) would be lost.
 */
@Component("enrichChat")
public class SkillLevelChat {

    private final ObjectProvider<ChatModel> chatModel;

    public SkillLevelChat(ObjectProvider<ChatModel> chatModel) {
        this.chatModel = chatModel;
    }

    public ChatResponse chat(@Body ChatRequest request) {
        ChatModel model = chatModel.getIfAvailable();
        if (model == null) {
            throw new IllegalStateException("no LLM configured (skillgap.llm.provider is none)");
        }
        return model.chat(request);
    }

    /** The request for one question: its messages and the response format that skillgap.llm.response-format says. */
    static ChatRequest request(LlmProperties llm, List<ChatMessage> messages, List<SkillPair> asked) {
        ChatRequest.Builder request = ChatRequest.builder().messages(new ArrayList<>(messages));
        switch (llm.responseFormat()) {
            case SCHEMA -> request.responseFormat(schemaFormat(asked.stream().map(SkillPair::elementId).toList()));
            case JSON -> request.responseFormat(ResponseFormat.JSON);
            case OFF -> { } // free text; the strict parser still finds the JSON object
        }
        return request.build();
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
