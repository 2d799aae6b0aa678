package dev.skillgap.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.skillgap.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The shared test context runs with the default provider none: the scoring routes run and change nothing. */
class ScoringOffTest extends IntegrationTest {

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Autowired
    ApplicationContext context;

    @Test
    void withoutAProviderAPassChangesNothingAndNeedsNoChatModel() {
        loadFixture();
        String before = lvState();
        long version = jdbc.queryForObject("SELECT version FROM Data_Version WHERE id = 1", Long.class);

        producer.requestBody("seda:enrich-pass?size=1&waitForTaskToComplete=Always&timeout=0", "");

        assertThat(context.getBeanNamesForType(ChatModel.class)).isEmpty();
        assertThat(camel.getRouteController().getRouteStatus("enrich-call-llm").isStarted()).isTrue();
        assertThat(lvState()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT version FROM Data_Version WHERE id = 1", Long.class))
                .isEqualTo(version);
    }

    private String lvState() {
        return jdbc.queryForObject("""
                SELECT GROUP_CONCAT(CONCAT(onetsoc_code, element_id, data_value, value_source)
                                    ORDER BY onetsoc_code, element_id)
                  FROM Occupation_Skills WHERE scale_id = 'LV'""", String.class);
    }
}
