package dev.skillgap.enrich;

/** The occupation part of a prompt. */
public record Occupation(String onetsocCode, String title, String description) {
}
