package dev.skillgap.api;

import dev.skillgap.moves.CareerMoves;
import dev.skillgap.moves.CareerMoves.Weights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * bench/moves, the recall part: reads what a snapshot is built from (the same SQL, sql/api/) out of a database
 * holding a loaded release with its Related Occupations, Job Zones and embeddings, and measures how many of O*NET's
 * related occupations each signal of {@link CareerMoves} finds: recall@10 of Primary-Short and recall@20 of all
 * Primary (Short and Long), for each signal alone and for the combination. The combination's weights are fitted
 * (grid search, recall@10 of Primary-Short) on a random half of the rated occupations as sources (seed 42) and
 * reported on the other half. Candidates are the rated occupations (a move needs skill ratings); a source's related
 * occupations without ratings are not counted. Prints the table, the fitted weights, the build time, and last:
 * {@code moves: held-out recall@10=<x> recall@20=<x> (fitted on <n> occupations, tested on <n>)}.
 *
 * Usage: MovesBench jdbc-url user password
 */
public final class MovesBench {

    private static final List<String> PRIMARY_SHORT = List.of("Primary-Short");
    private static final List<String> PRIMARY = List.of("Primary-Short", "Primary-Long");

    private MovesBench() {
    }

    public static void main(String[] args) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(args[0], args[1], args.length > 2 ? args[2] : "");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        SnapshotBuilder builder = new SnapshotBuilder(new ReleaseInfo(null, null, null, 0));
        SnapshotRepository.readRows(jdbc, builder);
        // the defaults of skillgap.moves.weights (application.yml), which are the weights this bench fitted on 29.3
        Weights configured = new Weights(0.2, 0.2, 1.0);
        Snapshot snapshot = builder.build(configured, null);
        List<CareerMoves.Candidate> candidates = builder.candidates();
        int n = candidates.size();
        long withText = candidates.stream().filter(c -> c.text() != null).count();
        long withZone = candidates.stream().filter(c -> c.jobZone() != 0).count();
        System.out.printf(Locale.ROOT, "%d rated occupations: %d with a text embedding, %d with a job zone%n", n, withText, withZone);
        if (withText == 0) {
            System.out.println("no text embeddings in the database yet: the text signal is missing");
        }

        // the set-up at snapshot time, and what ranking every source (each on its first moves request) adds
        long[] builds = new long[3];
        long[] rankAll = new long[3];
        for (int i = 0; i < builds.length; i++) {
            long started = System.nanoTime();
            CareerMoves built = CareerMoves.build(candidates, configured);
            long setUp = System.nanoTime();
            for (int s = 0; s < n; s++) {
                built.ranked(s);
            }
            builds[i] = (setUp - started) / 1_000_000;
            rankAll[i] = (System.nanoTime() - setUp) / 1_000_000;
        }
        java.util.Arrays.sort(builds);
        java.util.Arrays.sort(rankAll);
        System.out.printf(Locale.ROOT, "similarity (%d occupations, all signals): set-up at snapshot time median %d ms,"
                + " ranking every source on demand median %d ms in all (%d builds)%n", n, builds[1], rankAll[1], builds.length);

        // the CPU cost of answering one moves request (walk the precomputed ranking, 10 gap analyses), before JSON,
        // next to one /skill-gap analysis: in-process, so other load on the machine does not hide it
        Random random = new Random(7);
        int requests = 20_000;
        long sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            long movesStarted = System.nanoTime();
            for (int r = 0; r < requests; r++) {
                int s = random.nextInt(n);
                OccupationProfile source = snapshot.occupation(snapshot.moves().code(s));
                int[] ranked = snapshot.moves().ranked(s);
                for (int k = 0; k < 10; k++) {
                    sink += MovesResult.move(snapshot, source, snapshot.occupation(snapshot.moves().code(ranked[k])),
                            snapshot.moves().score(s, ranked[k])).gapCount();
                }
            }
            long movesNanos = System.nanoTime() - movesStarted;
            long gapStarted = System.nanoTime();
            for (int r = 0; r < requests; r++) {
                sink += SkillGapCalculator.analyse(snapshot.skills(), snapshot.occupation(snapshot.moves().code(random.nextInt(n))),
                        snapshot.occupation(snapshot.moves().code(random.nextInt(n)))).gaps().size();
            }
            long gapNanos = System.nanoTime() - gapStarted;
            if (warm == 1) {
                System.out.printf(Locale.ROOT, "in-process cost per request, before JSON (%d requests, load average %s):"
                                + " moves (limit 10) %.1f us, /skill-gap analysis %.1f us [%d]%n", requests,
                        loadAverage(), movesNanos / 1e3 / requests, gapNanos / 1e3 / requests, sink % 10);
            }
        }

        List<Set<Integer>> primaryShort = new ArrayList<>();
        List<Set<Integer>> primary = new ArrayList<>();
        CareerMoves index = snapshot.moves();
        for (CareerMoves.Candidate c : candidates) {
            Set<Integer> s = new HashSet<>();
            Set<Integer> p = new HashSet<>();
            for (Map.Entry<String, String> e : snapshot.related(c.code()).entrySet()) {
                int j = index.indexOf(e.getKey());
                if (j >= 0) {
                    if (PRIMARY_SHORT.contains(e.getValue())) {
                        s.add(j);
                    }
                    if (PRIMARY.contains(e.getValue())) {
                        p.add(j);
                    }
                }
            }
            primaryShort.add(s);
            primary.add(p);
        }
        List<Integer> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!primaryShort.get(i).isEmpty()) {
                sources.add(i);
            }
        }
        Collections.shuffle(sources, new Random(42));
        List<Integer> fit = sources.subList(0, sources.size() / 2);
        List<Integer> test = sources.subList(sources.size() / 2, sources.size());
        CareerMoves.Signals signals = CareerMoves.Signals.of(candidates);

        Weights best = null;
        double bestRecall = -1;
        for (int s = 0; s <= 10; s++) {
            for (int z = 0; z <= 8; z++) {
                Weights w = new Weights(s / 10.0, z / 10.0, withText > 0 ? 1.0 : 0.0);
                if (w.skills() == 0 && w.jobZone() == 0 && w.text() == 0) {
                    continue;
                }
                double r = recall(signals, w, fit, primaryShort, 10);
                if (r > bestRecall + 1e-9) {
                    bestRecall = r;
                    best = w;
                }
            }
        }

        System.out.printf("%-32s %14s %14s %14s%n", "signal (weights skills/job_zone/text)", "fit r@10 PS", "test r@10 PS", "test r@20 P");
        row("skills alone (LV+IM distance)", signals, new Weights(1, 0, 0), fit, test, primaryShort, primary);
        row("job zone alone", signals, new Weights(0, 1, 0), fit, test, primaryShort, primary);
        if (withText > 0) {
            row("text alone (MiniLM cosine)", signals, new Weights(0, 0, 1), fit, test, primaryShort, primary);
        }
        row("default " + fmt(configured), signals, configured, fit, test, primaryShort, primary);
        row("fitted " + fmt(best), signals, best, fit, test, primaryShort, primary);
        System.out.printf(Locale.ROOT, "fitted weights: skills=%.1f job_zone=%.1f text=%.1f (SKILLGAP_MOVES_WEIGHTS_*)%n",
                best.skills(), best.jobZone(), best.text());
        System.out.printf(Locale.ROOT, "moves: held-out recall@10=%.3f recall@20=%.3f (fitted on %d occupations, tested on %d)%n",
                recall(signals, best, test, primaryShort, 10), recall(signals, best, test, primary, 20), fit.size(), test.size());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void row(String name, CareerMoves.Signals signals, Weights w, List<Integer> fit, List<Integer> test,
                            List<Set<Integer>> primaryShort, List<Set<Integer>> primary) {
        System.out.printf(Locale.ROOT, "%-37s %14.3f %14.3f %14.3f%n", name, recall(signals, w, fit, primaryShort, 10),
                recall(signals, w, test, primaryShort, 10), recall(signals, w, test, primary, 20));
    }

    private static String fmt(Weights w) {
        return String.format(Locale.ROOT, "%.1f/%.1f/%.1f", w.skills(), w.jobZone(), w.text());
    }

    /** Related occupations found in the top k, over all related occupations of the sources (micro-averaged). */
    static double recall(CareerMoves.Signals signals, Weights w, List<Integer> sources, List<Set<Integer>> relevant, int k) {
        long found = 0;
        long total = 0;
        for (int source : sources) {
            int[] ranked = signals.rank(signals.combined(source, w), source);
            Set<Integer> wanted = relevant.get(source);
            for (int i = 0; i < k && i < ranked.length; i++) {
                if (wanted.contains(ranked[i])) {
                    found++;
                }
            }
            total += wanted.size();
        }
        return total == 0 ? 0 : (double) found / total;
    }
}
