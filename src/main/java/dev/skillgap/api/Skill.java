package dev.skillgap.api;

/** A skill of the release (Element ID and name); its position in the snapshot indexes the rating arrays. */
public record Skill(int index, String elementId, String elementName) {
}
