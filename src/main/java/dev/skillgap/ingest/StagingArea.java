package dev.skillgap.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The folders inside the inbox: {@code .staging/} holds the files of the release being gathered
 * (they stay there until the release is loaded or rejected, so a crash loses nothing),
 * {@code .done/<time>/}, {@code .failed/<time>/} and {@code .held/<time>/} keep every file that was processed.
 * <p>
 * Collecting never throws for a bad file: every file that cannot be loaded (too large, not a regular file,
 * a symbolic link, unreadable, not clean UTF-8, a zip that is corrupt, too large or a bomb) is listed with
 * its problem, and the release is rejected with a report. Limits are checked before a byte is read; a link is
 * never followed.
 */
@Component
public class StagingArea {

    private static final Logger log = LoggerFactory.getLogger(StagingArea.class);
    private static final Pattern ZIP_VERSION = Pattern.compile("db_(\\d+)_(\\d+)_text\\.zip", Pattern.CASE_INSENSITIVE);
    private static final Pattern README_VERSION = Pattern.compile("O\\*NET (\\d+\\.\\d+) Database");
    private static final List<String> README_NAMES = List.of("Read Me.txt", "README.md");
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");
    /** Entries of a zip are extracted here, again at every collect (the zip stays the staged file). */
    /** The folders inside the inbox (InboxScanner, the health check and load-and-exit read them too). */
    public static final String STAGING = ".staging";
    public static final String DONE = ".done";
    public static final String FAILED = ".failed";
    public static final String HELD = ".held";
    static final String UNPACKED = ".unpacked";
    /** Written into the staging folder when a held release is confirmed: its removals are accepted. */
    static final String REMOVAL_CONFIRMED = ".removal-confirmed";
    /** The file a person drops into a {@code .held/<time>/} folder to load that release. */
    public static final String CONFIRM = "CONFIRM";
    public static final String HELD_REPORT = "HELD.report.txt";
    /**
     * How many times processing of the staged release started without reaching an end (loaded, held, failed,
     * or kept for a database retry): the service died in between (out of memory, killed). At
     * {@link #MAX_UNFINISHED} the release is set aside in .failed/ instead of crashing the service again.
     */
    static final String UNFINISHED = ".unfinished-attempts";
    static final int MAX_UNFINISHED = 3;
    static final String REPORT_SUFFIX = ".report.txt";
    private static final int MAX_REPORT_CHARS = 16 * 1024;

    private final Path inbox;
    private final IngestProperties.Limits limits;

    public StagingArea(@Value("${skillgap.inbox}") String inbox, IngestProperties properties) {
        this.inbox = Path.of(inbox).toAbsolutePath();
        this.limits = properties.limits();
    }

    public Path staging() {
        return inbox.resolve(STAGING);
    }

    public boolean hasStagedFiles() {
        try (Stream<Path> files = Files.list(staging())) {
            return files.anyMatch(p -> !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Moves into the staging folder what the inbox's file consumer never takes although it is named like a
     * release file: a folder, a link that does not point to a regular file, a pipe. They are then rejected with
     * a report like any bad file, instead of lying in the inbox unexplained. Nothing is followed or read.
     * Returns how many entries were moved.
     */
    public int adoptOddEntries() {
        int moved = 0;
        try {
            for (Path path : entries(inbox)) {
                String name = path.getFileName().toString();
                boolean releaseName = OnetFileKind.forFileName(name).isPresent() || README_NAMES.contains(name)
                        || name.toLowerCase().endsWith(".zip");
                if (releaseName && !Files.isRegularFile(path) && !Files.exists(staging().resolve(name),
                        LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(staging());
                    Files.move(path, staging().resolve(name));
                    log.warn("{} in the inbox is not a regular file (a folder, a link to no file, a pipe): moved to"
                            + " staging to be rejected with a report", name);
                    moved++;
                }
            }
        } catch (IOException e) {
            log.warn("Cannot look for odd entries in the inbox: {}", e.toString());
        }
        return moved;
    }

    /** Unpacks any release zip, then lists, checks and hashes the staged files. */
    public StagedRelease collect() throws IOException {
        Files.createDirectories(staging());
        deleteTree(staging().resolve(UNPACKED));
        boolean confirmed = Files.exists(staging().resolve(REMOVAL_CONFIRMED), LinkOption.NOFOLLOW_LINKS);
        List<Path> staged = entries(staging());
        if (staged.isEmpty()) {
            Files.deleteIfExists(staging().resolve(UNFINISHED));
            return new StagedRelease(List.of(), List.of(), null);
        }
        int unfinished = unfinishedAttempts();
        Files.writeString(staging().resolve(UNFINISHED), Integer.toString(unfinished + 1));
        Collected c = new Collected();
        if (unfinished >= MAX_UNFINISHED) {
            log.error("The service stopped {} times while processing the staged release: set aside in .failed/",
                    unfinished);
            for (Path path : staged) {
                c.reject(path, path.getFileName().toString(), "the service stopped " + unfinished + " times while"
                        + " processing this release (out of memory, or killed), so it was set aside instead of"
                        + " being tried again. Check the service's memory and log, then drop the release again");
            }
            return new StagedRelease(List.of(), List.copyOf(c.companions), null, Map.copyOf(c.problems), confirmed);
        }
        for (Path path : staged) {
            String name = path.getFileName().toString();
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) {
                    c.reject(path, name, "is a symbolic link. The service never follows links (nothing was read"
                            + " from where it points): copy the file itself into the inbox");
                } else if (attributes.isDirectory()) {
                    c.reject(path, name, "is a folder, not a file: drop the release files themselves, or the"
                            + " release zip");
                } else if (!attributes.isRegularFile()) {
                    c.reject(path, name, "is not a regular file (a device, pipe or socket): drop the file itself");
                } else if (name.toLowerCase().endsWith(".zip")) {
                    unzip(path, attributes.size(), c);
                } else {
                    Optional<OnetFileKind> kind = OnetFileKind.forFileName(name);
                    if (kind.isPresent()) {
                        stageTextFile(path, name, kind.get(), attributes.size(), c);
                    } else {
                        c.companions.add(path);
                        if (c.version == null && README_NAMES.contains(name) && attributes.size() < 1024 * 1024) {
                            c.version = versionFromReadme(path);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                c.reject(path, name, unreadable(e));
            }
        }
        c.files.sort(Comparator.comparing(StagedFile::kind));
        return new StagedRelease(List.copyOf(c.files), List.copyOf(c.companions), c.version,
                Map.copyOf(c.problems), confirmed);
    }

    /** What collect found so far. */
    private static final class Collected {
        final List<StagedFile> files = new ArrayList<>();
        final List<Path> companions = new ArrayList<>();
        final Map<String, String> problems = new LinkedHashMap<>();
        String version;

        void reject(Path path, String name, String problem) {
            if (!companions.contains(path)) {
                companions.add(path);
            }
            problems.put(name, problem);
        }
    }

    private void stageTextFile(Path path, String name, OnetFileKind kind, long size, Collected c) throws IOException {
        long max = limits.maxFileSize().toBytes();
        if (size > max) {
            c.reject(path, name, "is " + megabytes(size) + ", larger than the limit for one O*NET file ("
                    + megabytes(max) + ", skillgap.ingest.limits.max-file-size); it was not read. O*NET's largest"
                    + " file this service loads, Skills.txt, is about 5.5 MB: check that this is the right file,"
                    + " or raise the limit");
            return;
        }
        TextFileCheck.Result check = TextFileCheck.scan(path, true);
        if (check.problem() != null) {
            c.reject(path, name, check.problem());
        } else {
            c.files.add(new StagedFile(path, kind, check.sha256(), name));
        }
    }

    /**
     * Extracts the entries this service loads (and the Read Me) into {@code .staging/.unpacked/<zip>/}, whatever
     * folder they sit in inside the zip: only an entry's last name is used, so no entry can land outside that
     * folder (zip slip). The central directory is checked against the limits before anything is extracted,
     * and every extraction is counted, so a zip that lies about its sizes is stopped at the limit too.
     */
    private void unzip(Path zip, long size, Collected c) throws IOException {
        String zipName = zip.getFileName().toString();
        if (size > limits.maxZipSize().toBytes()) {
            c.reject(zip, zipName, "is " + megabytes(size) + ", larger than the limit for a release zip ("
                    + megabytes(limits.maxZipSize().toBytes()) + ", skillgap.ingest.limits.max-zip-size); it was not"
                    + " read. Drop the O*NET text files this service loads instead, or raise the limit");
            return;
        }
        Path target = Files.createDirectories(staging().resolve(UNPACKED).resolve(zipName));
        List<String> nested = new ArrayList<>();
        Map<String, String> extracted = new HashMap<>(); // base name -> entry name
        List<Path> paths = new ArrayList<>();
        long total = 0;
        try (ZipFile zipFile = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (zipFile.size() > limits.maxZipEntries()) {
                c.reject(zip, zipName, "lists " + zipFile.size() + " entries, more than the limit ("
                        + limits.maxZipEntries() + ", skillgap.ingest.limits.max-zip-entries; the official O*NET text"
                        + " zip lists about 40); nothing was extracted. Is this an O*NET release zip?");
                return;
            }
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String entryName = entry.getName();
                String base = entryName.substring(Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\')) + 1);
                if (entry.isDirectory() || base.isEmpty()) {
                    continue;
                }
                if (base.toLowerCase().endsWith(".zip")) {
                    nested.add(shorten(entryName));
                    continue;
                }
                if (OnetFileKind.forFileName(base).isEmpty() && !README_NAMES.contains(base)) {
                    continue;
                }
                if (extracted.containsKey(base) && README_NAMES.contains(base)) {
                    continue; // a second Read Me says nothing more: the first one gives the version
                }
                if (extracted.containsKey(base)) {
                    c.reject(zip, zipName, "holds " + shorten(base) + " twice (" + shorten(extracted.get(base))
                            + " and " + shorten(entryName) + "): a release has one file of each kind. Remove one");
                    return;
                }
                String limitProblem = entryLimitProblem(entry, base, total);
                if (limitProblem != null) {
                    c.reject(zip, zipName, limitProblem);
                    return;
                }
                Path file = target.resolve(base).normalize();
                if (!file.getParent().equals(target)) { // never: base has no separator; kept as a guard
                    c.reject(zip, zipName, "holds an entry whose name leaves its folder (" + shorten(entryName) + ")");
                    return;
                }
                long written;
                try (InputStream in = zipFile.getInputStream(entry); OutputStream out = Files.newOutputStream(file)) {
                    written = copyAtMost(in, out, limits.maxFileSize().toBytes() + 1);
                }
                total += written;
                if (written > limits.maxFileSize().toBytes() || total > limits.maxUncompressedSize().toBytes()) {
                    c.reject(zip, zipName, shorten(entryName) + " expands to more than its zip declares and than the"
                            + " limits allow (skillgap.ingest.limits.max-file-size, max-uncompressed-size): a broken"
                            + " zip or a zip bomb. Extraction stopped");
                    return;
                }
                extracted.put(base, entryName);
                paths.add(file);
            }
        } catch (java.util.zip.ZipException e) {
            c.reject(zip, zipName, "is not a readable zip archive (corrupt, cut short, or not a zip at all: "
                    + shorten(String.valueOf(e.getMessage())) + "). Download the release zip again and drop it");
            return;
        } catch (IllegalArgumentException e) {
            c.reject(zip, zipName, "is a zip whose entry names are not UTF-8 or are malformed: the official O*NET zip"
                    + " is not like this. Download it again, or drop the text files themselves");
            return;
        }
        c.companions.add(zip);
        if (paths.isEmpty()) {
            String why = nested.isEmpty() ? "" : " It holds another zip (" + String.join(", ", nested.subList(0,
                    Math.min(3, nested.size()))) + "): unpack that one and drop it, or its text files, instead.";
            c.problems.put(zipName, "holds no O*NET file this service loads (it looks for "
                    + String.join(", ", knownNames()) + " in any folder of the zip)." + why);
            return;
        }
        Matcher m = ZIP_VERSION.matcher(zipName);
        if (m.matches()) {
            c.version = m.group(1) + "." + m.group(2);
        }
        for (Path file : paths) {
            String base = file.getFileName().toString();
            String name = StagedRelease.nameOf(file);
            Optional<OnetFileKind> kind = OnetFileKind.forFileName(base);
            if (kind.isEmpty()) {
                c.companions.add(file);
                if (c.version == null) {
                    c.version = versionFromReadme(file);
                }
                continue;
            }
            TextFileCheck.Result check = TextFileCheck.scan(file, true);
            if (check.problem() != null) {
                c.companions.add(file);
                c.problems.put(name, check.problem());
            } else {
                c.files.add(new StagedFile(file, kind.get(), check.sha256(), name));
            }
        }
        log.info("Unpacked {} release files ({}) from {}", paths.size(), megabytes(total), zipName);
    }

    private String entryLimitProblem(ZipEntry entry, String base, long totalSoFar) {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size > limits.maxFileSize().toBytes()) {
            return shorten(base) + " inside it is " + megabytes(size) + " uncompressed, larger than the limit for one"
                    + " O*NET file (" + megabytes(limits.maxFileSize().toBytes())
                    + ", skillgap.ingest.limits.max-file-size); nothing was extracted";
        }
        if (size > 0 && compressed > 0 && size / compressed > limits.maxCompressionRatio()) {
            return shorten(base) + " inside it expands " + (size / compressed) + " times its compressed size, more"
                    + " than the limit (" + limits.maxCompressionRatio() + ", skillgap.ingest.limits"
                    + ".max-compression-ratio; O*NET text compresses about 15 times): it looks like a zip bomb."
                    + " Nothing was extracted";
        }
        if (size > 0 && totalSoFar + size > limits.maxUncompressedSize().toBytes()) {
            return "its O*NET files expand to more than the limit (" + megabytes(limits.maxUncompressedSize().toBytes())
                    + ", skillgap.ingest.limits.max-uncompressed-size); nothing more was extracted";
        }
        return null;
    }

    private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0 && total < max; n = in.read(buffer)) {
            int keep = (int) Math.min(n, max - total);
            out.write(buffer, 0, keep);
            total += keep;
        }
        return total;
    }

    /** Moves the staged files to {@code .done/<time>/}. */
    public String archiveDone(StagedRelease release) throws IOException {
        Path folder = archiveFolder(DONE);
        moveAll(release.namedPaths().keySet(), folder);
        return folder.toString();
    }

    /**
     * Moves the staged files to {@code .failed/<time>/} and writes {@code <file>.report.txt} next to
     * each of them: the errors found in that file, or why it was rejected with its release. Without a
     * collected release (collecting itself failed), everything in the staging folder goes.
     */
    public String archiveFailed(StagedRelease release, Throwable exception) throws IOException {
        InvalidReleaseException failure = InvalidReleaseException.from(exception);
        StagedRelease all = release != null ? release : everythingStaged();
        Path folder = archiveFolder(FAILED);
        // reports first: once a file has left the staging folder, its report is already next to it
        for (Map.Entry<Path, String> named : all.namedPaths().entrySet()) {
            Path report = Path.of(archivedPath(folder, named.getKey()) + REPORT_SUFFIX);
            Files.createDirectories(report.getParent());
            Files.writeString(report, capped(failure.reportFor(named.getValue())), StandardCharsets.UTF_8);
        }
        moveAll(all.namedPaths().keySet(), folder);
        return folder.toString();
    }

    /**
     * Moves a release that would remove too much to {@code .held/<time>/}, with {@code HELD.report.txt}
     * saying what it would remove and how to confirm it.
     */
    public String archiveHeld(StagedRelease release, Throwable exception) throws IOException {
        InvalidReleaseException hold = InvalidReleaseException.from(exception);
        Path folder = archiveFolder(HELD);
        String report = hold.getMessage() + "\n\nThe database still holds the previous release. If this release is"
                + " right (O*NET really dropped these rows), load it by creating an empty file named " + CONFIRM
                + " in this folder:\n  touch '" + folder.resolve(CONFIRM) + "'\nOtherwise delete this folder, fix"
                + " the files (a file cut short? the wrong file?) and drop them again.\n";
        Files.writeString(folder.resolve(HELD_REPORT), capped(report), StandardCharsets.UTF_8);
        moveAll(release.namedPaths().keySet(), folder);
        return folder.toString();
    }

    /**
     * Releases every held release whose folder holds a {@code CONFIRM} file (see {@link #releaseHeld}); the
     * number of files put back into staging.
     */
    public int releaseConfirmedHolds() throws IOException {
        Path held = inbox.resolve(HELD);
        if (!Files.isDirectory(held, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int released = 0;
        for (Path folder : entries(held)) {
            Path confirm = folder.resolve(CONFIRM);
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && Files.exists(confirm, LinkOption.NOFOLLOW_LINKS)) {
                released += releaseHeld(confirm);
            }
        }
        return released;
    }

    /**
     * A person confirmed a held release: its files go back into the staging folder with the confirmation
     * marker, and the folder (report and CONFIRM) is removed. Returns how many files were released.
     */
    int releaseHeld(Path confirmFile) throws IOException {
        Path folder = confirmFile.toAbsolutePath().getParent();
        Files.createDirectories(staging());
        Files.writeString(staging().resolve(REMOVAL_CONFIRMED), "confirmed by " + confirmFile + "\n");
        int moved = 0;
        for (Path path : entries(folder)) {
            String name = path.getFileName().toString();
            if (name.equals(CONFIRM) || name.endsWith(REPORT_SUFFIX)) {
                Files.deleteIfExists(path);
            } else {
                Files.move(path, staging().resolve(name), StandardCopyOption.REPLACE_EXISTING);
                moved++;
            }
        }
        Files.deleteIfExists(folder);
        log.info("Held release {} confirmed: {} files back in staging", folder.getFileName(), moved);
        return moved;
    }

    private StagedRelease everythingStaged() throws IOException {
        return new StagedRelease(List.of(), entries(staging()), null);
    }

    private Path archiveFolder(String archive) throws IOException {
        Path root = inbox.resolve(archive);
        Path folder = root.resolve(FOLDER_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        for (int i = 2; Files.exists(folder, LinkOption.NOFOLLOW_LINKS); i++) { // two releases in one millisecond
            folder = root.resolve(FOLDER_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + i);
        }
        return Files.createDirectories(folder);
    }

    /** Where a staged path goes in an archive folder: unpacked zip entries under {@code unpacked/<zip>/}. */
    private Path archivedPath(Path folder, Path staged) {
        Path relative = staging().relativize(staged);
        if (relative.getNameCount() > 1 && relative.getName(0).toString().equals(UNPACKED)) {
            return folder.resolve("unpacked").resolve(relative.subpath(1, relative.getNameCount()).toString());
        }
        return folder.resolve(relative.toString());
    }

    private void moveAll(Iterable<Path> paths, Path folder) throws IOException {
        for (Path path : paths) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Path target = archivedPath(folder, path);
                Files.createDirectories(target.getParent());
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        deleteTree(staging().resolve(UNPACKED));
        Files.deleteIfExists(staging().resolve(REMOVAL_CONFIRMED));
        Files.deleteIfExists(staging().resolve(UNFINISHED));
    }

    /** The release stays in staging for a later try (the database was unreachable): not an unfinished attempt. */
    public void keepForRetry() throws IOException {
        Files.deleteIfExists(staging().resolve(UNFINISHED));
    }

    private int unfinishedAttempts() {
        try {
            return Integer.parseInt(Files.readString(staging().resolve(UNFINISHED)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The entries of a folder, hidden ones excepted, without following links. */
    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() { // does not follow links
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String unreadable(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "cannot be read by the service (permission denied): make it readable (chmod a+r) and drop it again";
        }
        if (e instanceof NoSuchFileException) {
            return "disappeared while it was being read: drop it again";
        }
        return "cannot be read (" + e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage()))
                + "): check the file and drop it again";
    }

    private static List<String> knownNames() {
        List<String> names = new ArrayList<>();
        for (OnetFileKind kind : OnetFileKind.values()) {
            names.add(kind.fileNames().get(0));
        }
        return names;
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

    static String shorten(String text) {
        return InvalidReleaseException.excerpt(text);
    }

    private static String capped(String report) {
        return report.length() <= MAX_REPORT_CHARS ? report
                : report.substring(0, MAX_REPORT_CHARS) + "\n... (report cut at " + MAX_REPORT_CHARS + " characters)\n";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
