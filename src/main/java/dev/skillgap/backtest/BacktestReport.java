package dev.skillgap.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skillgap.backtest.BacktestFigures.Interval;
import dev.skillgap.backtest.BacktestFigures.Share;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link BacktestResult} as {@code backtest.json} and {@code backtest.md} in its report folder. */
final class BacktestReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BacktestReport() {
    }

    /** {@code <reportDir>/<model>-<prompt version>}, the model name made safe for a folder name. */
    static Path folder(Path reportDir, String model, String promptVersion) {
        return reportDir.resolve((model + "-" + promptVersion).replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Writes both files; returns the folder. */
    static Path write(Path reportDir, BacktestResult result) {
        Path folder = folder(reportDir, result.model(), result.promptVersion());
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("backtest.json"), json(result), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("backtest.md"), markdown(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backtest report to " + folder, e);
        }
        return folder;
    }

    static String json(BacktestResult result) {
        try {
            return JSON.writeValueAsString(tree(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as JSON-ready maps (snake_case keys, NaN as null). */
    static Map<String, Object> tree(BacktestResult r) {
        BacktestFigures f = r.figures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", r.provider());
        m.put("model", r.model());
        m.put("prompt_version", r.promptVersion());
        m.put("old_release", r.oldRelease());
        m.put("new_release", r.newRelease());
        m.put("ran_at", r.ranAt().toString());
        m.put("duration_ms", r.durationMs());
        m.put("gate", r.gate());
        m.put("reason", r.reason());
        m.put("occupations", f.occupations());
        m.put("pairs", f.pairs());
        m.put("scored_pairs", f.scoredPairs());
        m.put("mae_model", number(f.maeModel()));
        m.put("mae_raw", number(f.maeRaw()));
        m.put("delta", number(f.delta()));
        m.put("ci95", interval(f.ci95()));
        m.put("rmse_model", number(f.rmseModel()));
        m.put("rmse_raw", number(f.rmseRaw()));
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("pairs", f.imBaseline().pairs());
        im.put("mae", number(f.imBaseline().mae()));
        im.put("rmse", number(f.imBaseline().rmse()));
        im.put("delta", number(f.imBaseline().delta()));
        im.put("ci95", interval(f.imBaseline().ci95()));
        m.put("im_baseline", im);
        m.put("echo_rate", f.echoRate());
        m.put("inside_analyst_ci95", share(f.insideCiModel()));
        m.put("new_panel_inside_analyst_ci95", share(f.insideCiPanel()));
        Map<String, Object> ties = new LinkedHashMap<>();
        ties.put("tied_pairs", f.ties().tied());
        ties.put("broken_by_model", f.ties().brokenByModel());
        ties.put("broken_by_new_panel", f.ties().brokenByPanel());
        ties.put("broken_by_both", f.ties().brokenByBoth());
        ties.put("in_new_panel_order", f.ties().sameOrder());
        ties.put("share_in_new_panel_order", f.ties().sameOrderShare());
        m.put("ties", ties);
        Map<String, Object> consistency = new LinkedHashMap<>();
        consistency.put("occupations", f.consistency().occupations());
        consistency.put("pairs", f.consistency().pairs());
        consistency.put("mean_absolute_difference", f.consistency().meanAbsoluteDifference());
        m.put("consistency", consistency);
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("calls", r.calls());
        cost.put("batches", r.batches());
        cost.put("failed_batches", r.failedBatches());
        cost.put("prompt_characters", r.promptCharacters());
        cost.put("input_tokens_reported", r.inputTokens());
        cost.put("output_tokens_reported", r.outputTokens());
        m.put("cost", cost);
        m.put("line", r.line());
        m.put("per_occupation", r.occupations().stream().map(o -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", o.code());
            row.put("title", o.title());
            row.put("pairs", o.pairs());
            row.put("scored", o.scored());
            row.put("mae_model", number(o.maeModel()));
            row.put("mae_raw", number(o.maeRaw()));
            return row;
        }).toList());
        return m;
    }

    static String markdown(BacktestResult r) {
        BacktestFigures f = r.figures();
        StringBuilder md = new StringBuilder();
        md.append("# Backtest: ").append(r.model()).append(" / prompt ").append(r.promptVersion()).append("\n\n");
        md.append("O*NET ").append(r.oldRelease()).append(" analyst values, scored by ").append(r.provider())
                .append(" model `").append(r.model()).append("`, compared with the O*NET ").append(r.newRelease())
                .append(" panel; ").append(r.ranAt()).append(", ").append(r.durationMs()).append(" ms.\n\n");
        md.append("**Gate: ").append(r.gate()).append("** - ").append(r.reason()).append("\n\n");
        md.append("| figure | model | raw (OLD analyst) | IM-only baseline |\n|---|---|---|---|\n");
        md.append("| MAE vs new panel | ").append(d(f.maeModel())).append(" | ").append(d(f.maeRaw())).append(" | ")
                .append(d(f.imBaseline().mae())).append(" |\n");
        md.append("| RMSE vs new panel | ").append(d(f.rmseModel())).append(" | ").append(d(f.rmseRaw()))
                .append(" | ").append(d(f.imBaseline().rmse())).append(" |\n");
        md.append("| delta (MAE - raw MAE) | ").append(d(f.delta())).append(" | 0 | ").append(d(f.imBaseline().delta()))
                .append(" |\n");
        md.append("| 95% CI of delta (paired bootstrap over occupations) | ").append(ci(f.ci95())).append(" | | ")
                .append(ci(f.imBaseline().ci95())).append(" |\n\n");
        md.append("| other figure | value |\n|---|---|\n");
        md.append("| occupations / LV pairs / pairs the model scored | ").append(f.occupations()).append(" / ")
                .append(f.pairs()).append(" / ").append(f.scoredPairs()).append(" |\n");
        md.append("| echo rate (model level = analyst level) | ").append(pct(f.echoRate())).append(" |\n");
        md.append("| model inside the analyst's 95% CI | ").append(share(f.insideCiModel(), true)).append(" |\n");
        md.append("| new panel inside the analyst's 95% CI (reference) | ").append(share(f.insideCiPanel(), true))
                .append(" |\n");
        md.append("| analyst ties broken in the new panel's order | ").append(f.ties().sameOrder()).append(" of ")
                .append(f.ties().brokenByBoth()).append(" broken by both (").append(pct(f.ties().sameOrderShare()))
                .append("); ").append(f.ties().tied()).append(" tied, ").append(f.ties().brokenByModel())
                .append(" broken by the model, ").append(f.ties().brokenByPanel()).append(" by the panel |\n");
        md.append("| consistency (asked twice, other order: mean absolute difference) | ")
                .append(f.consistency().meanAbsoluteDifference() == null ? "n/a"
                        : d(f.consistency().meanAbsoluteDifference()))
                .append(" over ").append(f.consistency().occupations()).append(" occupations |\n");
        md.append("| calls / batches / failed batches | ").append(r.calls()).append(" / ").append(r.batches())
                .append(" / ").append(r.failedBatches()).append(" |\n");
        md.append("| prompt characters (first questions) | ").append(r.promptCharacters()).append(" |\n\n");
        md.append("| occupation | pairs | scored | MAE model | MAE raw |\n|---|---|---|---|---|\n");
        for (BacktestResult.OccupationLine o : r.occupations()) {
            md.append("| ").append(o.code()).append(' ').append(o.title()).append(" | ").append(o.pairs())
                    .append(" | ").append(o.scored()).append(" | ").append(d(o.maeModel())).append(" | ")
                    .append(d(o.maeRaw())).append(" |\n");
        }
        md.append("\n").append("`").append(r.line()).append("`\n");
        return md.toString();
    }

    private static Object number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static List<Object> interval(Interval interval) {
        return java.util.Arrays.asList(number(interval.low()), number(interval.high()));
    }

    private static Map<String, Object> share(Share share) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", share.count());
        m.put("of", share.of());
        m.put("share", share.share());
        return m;
    }

    private static String d(double value) {
        return BacktestResult.decimal(value);
    }

    private static String ci(Interval interval) {
        return "[" + d(interval.low()) + ", " + d(interval.high()) + "]";
    }

    private static String pct(Double share) {
        return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String share(Share share, boolean withCount) {
        return pct(share.share()) + (withCount ? " (" + share.count() + " of " + share.of() + ")" : "");
    }
}
