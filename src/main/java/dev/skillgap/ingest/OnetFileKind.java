package dev.skillgap.ingest;

import java.util.List;
import java.util.Optional;

/** The O*NET release files this service loads, with the names they may arrive under and their headers. */
public enum OnetFileKind {

    SCALES("Scales", List.of("Scales Reference.txt", "Scales.txt"),
            List.of("Scale ID", "Scale Name", "Minimum", "Maximum")),
    OCCUPATIONS("Occupations", List.of("Occupation Data.txt", "Occupation.txt"),
            List.of("O*NET-SOC Code", "Title", "Description")),
    CONTENT_MODEL("Content_Model_Reference", List.of("Content Model Reference.txt"),
            List.of("Element ID", "Element Name", "Description")),
    LEVEL_SCALE_ANCHORS("Level_Scale_Anchors", List.of("Level Scale Anchors.txt"),
            List.of("Element ID", "Element Name", "Scale ID", "Anchor Value", "Anchor Description")),
    SKILLS("Occupation_Skills", List.of("Skills.txt"),
            List.of("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Data Value", "N",
                    "Standard Error", "Lower CI Bound", "Upper CI Bound", "Recommend Suppress",
                    "Not Relevant", "Date", "Domain Source")),
    /** Optional: the job zone (1 to 5, little to extensive preparation) of each occupation; feeds career moves. */
    JOB_ZONES("Job_Zones", List.of("Job Zones.txt"),
            List.of("O*NET-SOC Code", "Job Zone", "Date", "Domain Source")),
    /** Optional: O*NET's curated related occupations, in tiers; shown with career moves and used to measure them. */
    RELATED_OCCUPATIONS("Related_Occupations", List.of("Related Occupations.txt"),
            List.of("O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"));

    private final String table;
    private final List<String> fileNames;
    private final List<String> header;

    OnetFileKind(String table, List<String> fileNames, List<String> header) {
        this.table = table;
        this.fileNames = fileNames;
        this.header = header;
    }

    /** The table the file's rows go to (Skills.txt also feeds the Skills table). */
    public String table() {
        return table;
    }

    public List<String> fileNames() {
        return fileNames;
    }

    public List<String> header() {
        return header;
    }

    public static Optional<OnetFileKind> forFileName(String fileName) {
        for (OnetFileKind kind : values()) {
            for (String name : kind.fileNames) {
                if (name.equalsIgnoreCase(fileName)) {
                    return Optional.of(kind);
                }
            }
        }
        return Optional.empty();
    }
}
