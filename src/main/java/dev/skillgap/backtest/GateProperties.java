package dev.skillgap.backtest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code skillgap.llm.gate.required}: true (default) serves LLM levels only of a model + prompt version whose
 * latest stored backtest passed; false serves them without one (the gate is still reported on /release).
 */
@ConfigurationProperties("skillgap.llm.gate")
public record GateProperties(@DefaultValue("true") boolean required) {
}
