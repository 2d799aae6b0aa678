package dev.skillgap.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns the records of one O*NET text file (split on tabs by camel-csv, quotes off) into typed rows,
 * checking the header, the column count and every field's format. Cross-file checks (references,
 * ranges against the Scales) are {@link ReleaseValidator}'s.
 */
@Component
public class ReleaseFileParser {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReleaseFileParser.class);

    static final Pattern ONETSOC_CODE = Pattern.compile("\\d{2}-\\d{4}\\.\\d{2}");
    static final Pattern ELEMENT_ID = Pattern.compile("\\d+(\\.[A-Za-z0-9]+)*");
    static final Pattern SCALE_ID = Pattern.compile("[A-Z]{1,3}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,6}(\\.\\d{1,6})?");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    /** The tiers of Related Occupations.txt, closest first. */
    public static final List<String> RELATEDNESS_TIERS = List.of("Primary-Short", "Primary-Long", "Supplemental");
    private static final Pattern MONTH_YEAR = Pattern.compile("(0[1-9]|1[0-2])/(\\d{4})");

    /** The column layout each file kind's rows share (see {@link RowValues}). */
    private static final Map<OnetFileKind, RowValues.Layout> LAYOUTS = new java.util.EnumMap<>(OnetFileKind.class);

    static {
        for (OnetFileKind kind : OnetFileKind.values()) {
            LAYOUTS.put(kind, new RowValues.Layout());
        }
    }

    private final int maxReportedErrors;

    public ReleaseFileParser(@Value("${skillgap.ingest.max-reported-errors:20}") int maxReportedErrors) {
        this.maxReportedErrors = maxReportedErrors;
    }

    /**
     * Types the records one at a time as camel-csv reads them (lazyLoad: the file is never held as a list of
     * records); the rows are kept only while the file has no error.
     */
    public ParsedFile parse(StagedFile file, Iterator<List<String>> records) {
        long started = System.nanoTime();
        ParsedFile parsed;
        try {
            parsed = typeRecords(file, records);
        } finally {
            if (records instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    log.debug("closing {}: {}", file.fileName(), e.toString());
                }
            }
        }
        log.info("Read {}: {} rows, {} errors, checked in {} ms", file.fileName(), parsed.rows().size(),
                parsed.errorCount(), (System.nanoTime() - started) / 1_000_000);
        return parsed;
    }

    /** The same, for records already in a list (tests). */
    ParsedFile parseRecords(StagedFile file, List<List<String>> records) {
        return parse(file, records.iterator());
    }

    private ParsedFile typeRecords(StagedFile file, Iterator<List<String>> records) {
        ErrorLog errors = new ErrorLog(maxReportedErrors);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> expected = file.kind().header();
        if (!records.hasNext()) {
            errors.add(1, "the file is empty; expected the header " + String.join(" | ", expected));
            return new ParsedFile(file, List.of(), errors.first(), errors.count());
        }
        List<String> header = records.next();
        if (!header.equals(expected)) {
            errors.add(1, "header is " + InvalidReleaseException.excerpt(String.join(" | ", header))
                    + "; expected " + String.join(" | ", expected));
            return new ParsedFile(file, List.of(), errors.first(), errors.count());
        }
        if (!records.hasNext()) {
            errors.add(2, "the file holds its header and no rows: loading it would delete every loaded row of its"
                    + " kind. Drop the complete file");
            return new ParsedFile(file, List.of(), errors.first(), errors.count());
        }
        Set<String> keys = new HashSet<>();
        // one instance per distinct short value (codes, ids, names, flags, numbers, dates): rows share them
        Map<Object, Object> canonical = new HashMap<>();
        RowValues.Layout layout = LAYOUTS.get(file.kind());
        for (int line = 2; records.hasNext(); line++) { // quotes are off, so record i is line i + 1
            List<String> fields = records.next();
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                errors.add(line, "empty line");
                continue;
            }
            if (fields.size() != expected.size()) {
                errors.add(line, "has " + fields.size() + " fields; expected " + expected.size());
                continue;
            }
            Row row = new Row(line, fields, errors, layout, canonical);
            Map<String, Object> typed = switch (file.kind()) {
                case SCALES -> scale(row);
                case OCCUPATIONS -> occupation(row);
                case CONTENT_MODEL -> contentModelElement(row);
                case LEVEL_SCALE_ANCHORS -> anchor(row);
                case SKILLS -> occupationSkill(row);
                case JOB_ZONES -> jobZone(row);
                case RELATED_OCCUPATIONS -> relatedOccupation(row);
            };
            if (!row.failed) {
                String key = primaryKey(file.kind(), typed);
                if (!keys.add(key)) {
                    errors.add(line, "duplicate row for " + key);
                } else if (errors.count() == 0) {
                    rows.add(typed);
                }
            }
        }
        return new ParsedFile(file, errors.count() == 0 ? rows : List.of(), errors.first(), errors.count());
    }

    private static String primaryKey(OnetFileKind kind, Map<String, Object> row) {
        return switch (kind) {
            case SCALES -> "Scale ID " + row.get("scale_id");
            case OCCUPATIONS -> "O*NET-SOC Code " + row.get("onetsoc_code");
            case CONTENT_MODEL -> "Element ID " + row.get("element_id");
            case LEVEL_SCALE_ANCHORS -> row.get("element_id") + " / " + row.get("scale_id") + " / " + row.get("anchor_value");
            case SKILLS -> row.get("onetsoc_code") + " / " + row.get("element_id") + " / " + row.get("scale_id");
            case JOB_ZONES -> "O*NET-SOC Code " + row.get("onetsoc_code");
            case RELATED_OCCUPATIONS -> row.get("onetsoc_code") + " / " + row.get("related_onetsoc_code");
        };
    }

    private static Map<String, Object> scale(Row r) {
        Map<String, Object> m = r.start();
        m.put("scale_id", r.matching(0, "Scale ID", SCALE_ID));
        m.put("scale_name", r.text(1, "Scale Name", 50));
        BigDecimal min = r.decimal(2, "Minimum");
        BigDecimal max = r.decimal(3, "Maximum");
        if (min != null && max != null && min.compareTo(max) >= 0) {
            r.error("Minimum " + min + " is not below Maximum " + max);
        }
        m.put("minimum", min);
        m.put("maximum", max);
        return m;
    }

    private static Map<String, Object> occupation(Row r) {
        Map<String, Object> m = r.start();
        m.put("onetsoc_code", r.matching(0, "O*NET-SOC Code", ONETSOC_CODE));
        m.put("title", r.text(1, "Title", 150));
        m.put("description", r.text(2, "Description", 1000));
        return m;
    }

    private static Map<String, Object> contentModelElement(Row r) {
        Map<String, Object> m = r.start();
        m.put("element_id", r.matching(0, "Element ID", ELEMENT_ID));
        m.put("element_name", r.text(1, "Element Name", 150));
        m.put("description", r.text(2, "Description", 1500));
        return m;
    }

    private static Map<String, Object> anchor(Row r) {
        Map<String, Object> m = r.start();
        m.put("element_id", r.matching(0, "Element ID", ELEMENT_ID));
        m.put("element_name", r.text(1, "Element Name", 150));
        m.put("scale_id", r.matching(2, "Scale ID", SCALE_ID));
        m.put("anchor_value", r.decimal(3, "Anchor Value"));
        m.put("anchor_description", r.text(4, "Anchor Description", 500));
        return m;
    }

    private static Map<String, Object> occupationSkill(Row r) {
        Map<String, Object> m = r.start();
        m.put("onetsoc_code", r.matching(0, "O*NET-SOC Code", ONETSOC_CODE));
        m.put("element_id", r.matching(1, "Element ID", ELEMENT_ID));
        m.put("element_name", r.text(2, "Element Name", 150));
        m.put("scale_id", r.matching(3, "Scale ID", SCALE_ID));
        m.put("data_value", r.decimal(4, "Data Value"));
        m.put("n", r.optionalInteger(5, "N"));
        m.put("standard_error", r.optionalDecimal(6, "Standard Error"));
        m.put("lower_ci_bound", r.optionalDecimal(7, "Lower CI Bound"));
        m.put("upper_ci_bound", r.optionalDecimal(8, "Upper CI Bound"));
        m.put("recommend_suppress", r.flag(9, "Recommend Suppress"));
        m.put("not_relevant", r.flag(10, "Not Relevant"));
        m.put("date_updated", r.monthYear(11, "Date"));
        m.put("domain_source", r.text(12, "Domain Source", 30));
        return m;
    }

    private static Map<String, Object> jobZone(Row r) {
        Map<String, Object> m = r.start();
        m.put("onetsoc_code", r.matching(0, "O*NET-SOC Code", ONETSOC_CODE));
        m.put("job_zone", r.integerIn(1, "Job Zone", 1, 5));
        m.put("date_updated", r.monthYear(2, "Date"));
        m.put("domain_source", r.text(3, "Domain Source", 30));
        return m;
    }

    private static Map<String, Object> relatedOccupation(Row r) {
        Map<String, Object> m = r.start();
        String code = r.matching(0, "O*NET-SOC Code", ONETSOC_CODE);
        String related = r.matching(1, "Related O*NET-SOC Code", ONETSOC_CODE);
        m.put("onetsoc_code", code);
        m.put("related_onetsoc_code", related);
        m.put("relatedness_tier", r.oneOf(2, "Relatedness Tier", RELATEDNESS_TIERS));
        m.put("related_index", r.integerIn(3, "Index", 1, 999));
        if (!r.failed && code.equals(related)) {
            r.error("the occupation " + code + " is listed as related to itself");
        }
        return m;
    }

    /** One record being typed; the first bad field marks it failed. */
    private static final class Row {
        final int line;
        final List<String> fields;
        final ErrorLog errors;
        final RowValues.Layout layout;
        final Map<Object, Object> canonical;
        boolean failed;

        Row(int line, List<String> fields, ErrorLog errors, RowValues.Layout layout, Map<Object, Object> canonical) {
            this.line = line;
            this.fields = fields;
            this.errors = errors;
            this.layout = layout;
            this.canonical = canonical;
        }

        Map<String, Object> start() {
            Map<String, Object> m = new RowValues(layout);
            m.put("line", line);
            return m;
        }

        /** The first equal value seen in this file (strings of at most 40 characters, numbers, dates). */
        @SuppressWarnings("unchecked")
        <T> T shared(T value) {
            if (value == null || value instanceof String s && s.length() > 40) {
                return value;
            }
            Object first = canonical.putIfAbsent(value, value);
            return first == null ? value : (T) first;
        }

        void error(String message) {
            errors.add(line, message);
            failed = true;
        }

        String text(int i, String column, int maxLength) {
            String v = fields.get(i);
            if (v.isBlank()) {
                error(column + " is empty");
            } else if (v.length() > maxLength) {
                error(column + " is " + v.length() + " characters long; at most " + maxLength + " allowed");
            }
            return shared(v);
        }

        String matching(int i, String column, Pattern pattern) {
            String v = fields.get(i);
            // the length first: a regular expression over a huge field can overflow the stack (an Error)
            if (v.length() > 40 || !pattern.matcher(v).matches()) {
                error(column + " '" + shorten(v) + "' is not a valid " + column);
            }
            return shared(v);
        }

        BigDecimal decimal(int i, String column) {
            String v = fields.get(i);
            if (!DECIMAL.matcher(v).matches()) {
                error(column + " '" + shorten(v) + "' is not a number");
                return null;
            }
            return shared(new BigDecimal(v));
        }

        BigDecimal optionalDecimal(int i, String column) {
            return isMissing(fields.get(i)) ? null : decimal(i, column);
        }

        Integer optionalInteger(int i, String column) {
            String v = fields.get(i);
            if (isMissing(v)) {
                return null;
            }
            if (!INTEGER.matcher(v).matches()) {
                error(column + " '" + shorten(v) + "' is not a whole number");
                return null;
            }
            return shared(Integer.valueOf(v));
        }

        /** A whole number from min to max. */
        Integer integerIn(int i, String column, int min, int max) {
            String v = fields.get(i);
            if (!INTEGER.matcher(v).matches() || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
                error(column + " '" + shorten(v) + "' is not a whole number from " + min + " to " + max);
                return null;
            }
            return Integer.valueOf(v);
        }

        /** One of the allowed values, exactly. */
        String oneOf(int i, String column, List<String> allowed) {
            String v = fields.get(i);
            if (!allowed.contains(v)) {
                error(column + " '" + shorten(v) + "' is not one of " + String.join(", ", allowed));
            }
            return v;
        }

        /** Y or N; O*NET writes n/a where a flag does not apply (stored as NULL). */
        String flag(int i, String column) {
            String v = fields.get(i);
            if (isMissing(v)) {
                return null;
            }
            if (!v.equals("Y") && !v.equals("N")) {
                error(column + " '" + shorten(v) + "' is not Y, N or n/a");
            }
            return shared(v);
        }

        /** O*NET dates are MM/YYYY; stored as the first day of that month. */
        LocalDate monthYear(int i, String column) {
            String v = fields.get(i);
            var m = MONTH_YEAR.matcher(v);
            if (!m.matches()) {
                error(column + " '" + shorten(v) + "' is not a MM/YYYY date");
                return null;
            }
            return shared(LocalDate.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), 1));
        }

        private static boolean isMissing(String v) {
            return v.isEmpty() || v.equals("n/a");
        }

        private static String shorten(String v) {
            return v.length() > 40 ? v.substring(0, 40) + "..." : v;
        }
    }
}
