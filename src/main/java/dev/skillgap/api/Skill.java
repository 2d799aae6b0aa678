package dev.skillgap.api;

/**
 * A skill of the release (Element ID and name); its position in the snapshot indexes the rating
 * arrays. gapJson is the constant start of its skill_gaps item, escaped once at load time.
 */
public record Skill(int index, String elementId, String elementName, byte[] gapJson) {

    Skill(int index, String elementId, String elementName) {
        this(index, elementId, elementName, ApiJson.gapItemStart(elementId, elementName));
    }
}
