package dev.skillgap.llm;

/** The occupation part of a prompt. */
public record Occupation(String onetsocCode, String title, String description) {
}
