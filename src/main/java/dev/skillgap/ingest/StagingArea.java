package dev.skillgap.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folders inside the inbox: {@code .staging/} holds the files of the release being gathered
 * (they stay there until the release is loaded or rejected, so a crash loses nothing),
 * {@code .done/<time>/} and {@code .failed/<time>/} keep every file that was processed.
 */
@Component
public class StagingArea {

    private static final Logger log = LoggerFactory.getLogger(StagingArea.class);
    private static final Pattern ZIP_VERSION = Pattern.compile("db_(\\d+)_(\\d+)_text\\.zip", Pattern.CASE_INSENSITIVE);
    private static final Pattern README_VERSION = Pattern.compile("O\\*NET (\\d+\\.\\d+) Database");
    private static final List<String> README_NAMES = List.of("Read Me.txt", "README.md");
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private final Path inbox;

    public StagingArea(@Value("${skillgap.inbox}") String inbox) {
        this.inbox = Path.of(inbox).toAbsolutePath();
    }

    public Path staging() {
        return inbox.resolve(".staging");
    }

    public boolean hasStagedFiles() {
        try (Stream<Path> files = Files.list(staging())) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            return false;
        }
    }

    /** Unpacks any release zip, then lists and hashes the staged O*NET files. */
    public StagedRelease collect() throws IOException {
        Files.createDirectories(staging());
        String version = null;
        for (Path zip : list(p -> p.getFileName().toString().toLowerCase().endsWith(".zip"))) {
            unzipKnownFiles(zip);
            Matcher m = ZIP_VERSION.matcher(zip.getFileName().toString());
            if (m.matches()) {
                version = m.group(1) + "." + m.group(2);
            }
        }
        List<StagedFile> files = new ArrayList<>();
        List<Path> companions = new ArrayList<>();
        for (Path path : list(Files::isRegularFile)) {
            Optional<OnetFileKind> kind = OnetFileKind.forFileName(path.getFileName().toString());
            if (kind.isPresent()) {
                files.add(new StagedFile(path, kind.get(), sha256(path)));
            } else {
                companions.add(path);
                if (version == null && README_NAMES.contains(path.getFileName().toString())) {
                    version = versionFromReadme(path);
                }
            }
        }
        files.sort(Comparator.comparing(StagedFile::kind));
        return new StagedRelease(List.copyOf(files), List.copyOf(companions), version);
    }

    /** Moves the staged files to {@code .done/<time>/}. */
    public String archiveDone(StagedRelease release) throws IOException {
        Path folder = archiveFolder(".done");
        moveAll(release.allPaths(), folder);
        return folder.toString();
    }

    /**
     * Moves the staged files to {@code .failed/<time>/} and writes {@code <file>.report.txt} next to
     * each of them: the errors found in that file, or why it was rejected with its release.
     */
    public String archiveFailed(StagedRelease release, Throwable exception) throws IOException {
        InvalidReleaseException failure = InvalidReleaseException.from(exception);
        Path folder = archiveFolder(".failed");
        // reports first: once a file has left the staging folder, its report is already next to it
        for (Path path : release.allPaths()) {
            String name = path.getFileName().toString();
            Files.writeString(folder.resolve(name + ".report.txt"), failure.reportFor(name), StandardCharsets.UTF_8);
        }
        moveAll(release.allPaths(), folder);
        return folder.toString();
    }

    private Path archiveFolder(String archive) throws IOException {
        return Files.createDirectories(inbox.resolve(archive).resolve(FOLDER_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))));
    }

    private static void moveAll(List<Path> paths, Path folder) throws IOException {
        for (Path path : paths) {
            if (Files.exists(path)) {
                Files.move(path, folder.resolve(path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private List<Path> list(java.util.function.Predicate<Path> filter) throws IOException {
        try (Stream<Path> files = Files.list(staging())) {
            return files.filter(Files::isRegularFile).filter(filter).sorted().toList();
        }
    }

    /** Extracts the entries this service loads (and the Read Me) next to the zip, whatever folder they sit in. */
    private void unzipKnownFiles(Path zip) throws IOException {
        int extracted = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (!entry.isDirectory()
                        && (OnetFileKind.forFileName(name).isPresent() || README_NAMES.contains(name))) {
                    Files.copy(in, staging().resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    extracted++;
                }
            }
        }
        log.info("Unpacked {} release files from {}", extracted, zip.getFileName());
        // the zip is kept (as a companion) and archived with the release
    }

    /** The O*NET version that a Read Me.txt / README.md in the folder names, or null (also used by the backtest). */
    public static String versionOf(Path folder) {
        for (String name : README_NAMES) {
            Path readme = folder.resolve(name);
            String version = Files.isRegularFile(readme) ? versionFromReadme(readme) : null;
            if (version != null) {
                return version;
            }
        }
        return null;
    }

    private static String versionFromReadme(Path readme) {
        try {
            Matcher m = README_VERSION.matcher(Files.readString(readme, StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String sha256(Path path) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
