package dev.skillgap.moves;

import dev.skillgap.db.SqlFiles;
import dev.skillgap.ingest.ReleaseRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Embeds the occupation texts (title + description) that the configured model has not embedded yet and stores
 * them by text hash (route moves-embed, after a load commits; never inside the load transaction, never on the
 * request path). The end of a pass that stored anything bumps Data_Version, so every instance rebuilds its
 * snapshot, and its career moves, with the text signal.
 */
@Component("embeddingPass")
public class EmbeddingPass {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingPass.class);

    /** One text to embed, with its key. */
    public record PendingText(String sha256, String text) {
    }

    /** The texts one pass embeds, in batches, and its progress. */
    public static final class Plan {
        private final List<List<PendingText>> batches;
        private final int total;
        private final int occupations;
        private final long startedNanos = System.nanoTime();
        private final AtomicInteger done = new AtomicInteger();

        Plan(List<List<PendingText>> batches, int total, int occupations) {
            this.batches = batches;
            this.total = total;
            this.occupations = occupations;
        }

        public List<List<PendingText>> batches() {
            return batches;
        }

        public boolean isEmpty() {
            return total == 0;
        }

        public int total() {
            return total;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TextEmbedder embedder;
    private final ReleaseRepository releases;
    private final MovesProperties properties;
    private final String occupationsSql = SqlFiles.load("api/occupations");
    private final String storedHashesSql = SqlFiles.load("text-embeddings/stored-hashes");
    private final String insertSql = SqlFiles.load("text-embeddings/insert");

    public EmbeddingPass(JdbcTemplate jdbc, TransactionTemplate transactions, TextEmbedder embedder,
                         ReleaseRepository releases, MovesProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.embedder = embedder;
        this.releases = releases;
        this.properties = properties;
    }

    /** The loaded occupations' texts that have no stored embedding of the configured model, in batches. */
    public Plan plan() {
        Map<String, String> texts = new LinkedHashMap<>();
        jdbc.query(occupationsSql, rs -> {
            String text = TextEmbedder.occupationText(rs.getString("title"), rs.getString("description"));
            texts.putIfAbsent(TextEmbedder.sha256(text), text);
        });
        Set<String> stored = new HashSet<>(jdbc.queryForList(storedHashesSql, String.class, embedder.modelName()));
        List<List<PendingText>> batches = new ArrayList<>();
        List<PendingText> batch = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, String> e : texts.entrySet()) {
            if (!properties.embeddings() || stored.contains(e.getKey())) {
                continue;
            }
            batch.add(new PendingText(e.getKey(), e.getValue()));
            total++;
            if (batch.size() == properties.batchSize()) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        if (total > 0) {
            log.info("Embedding {} of {} occupation texts with {} ({} already stored), {} batches",
                    total, texts.size(), embedder.modelName(), texts.size() - total, batches.size());
        }
        return new Plan(batches, total, texts.size());
    }

    /** Embeds one batch and stores it in its own transaction; logs the progress with rate and ETA. */
    public void embedBatch(List<PendingText> batch, Plan plan) {
        long started = System.nanoTime();
        float[][] vectors = embedder.embed(batch.stream().map(PendingText::text).toList());
        long embedded = System.nanoTime();
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            rows.add(new Object[] {embedder.modelName(), batch.get(i).sha256(), vectors[i].length,
                    TextEmbedder.toBytes(vectors[i])});
        }
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(insertSql, rows));
        int done = plan.done.addAndGet(batch.size());
        double seconds = (System.nanoTime() - plan.startedNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-3);
        log.info("Embedded {}/{} occupation texts: batch of {} in {} ms (+{} ms to store), {} texts/s, ETA {} s",
                done, plan.total, batch.size(), (embedded - started) / 1_000_000,
                (System.nanoTime() - embedded) / 1_000_000, String.format(java.util.Locale.ROOT, "%.1f", rate),
                Math.round((plan.total - done) / rate));
    }

    /**
     * Ends a pass: a new Data_Version, so the snapshots rebuild with the new embeddings; the model's ONNX session is
     * released (a search loads it again).
     */
    public void finish(Plan plan) {
        embedder.release();
        transactions.executeWithoutResult(status -> releases.bumpDataVersion());
        log.info("Embeddings done: {} occupation texts embedded with {} in {} ms; snapshots rebuild with them",
                plan.total, embedder.modelName(), (System.nanoTime() - plan.startedNanos) / 1_000_000);
    }
}
