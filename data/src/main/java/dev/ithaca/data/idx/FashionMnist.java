package dev.ithaca.data.idx;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Zalando's Fashion-MNIST (60,000 training and 10,000 test images, 28x28 grey, 10 classes) from a
 * directory holding its four IDX files, plain or gzip. The default directory is where Debian's
 * package puts them: {@code apt-get install dataset-fashion-mnist} installs
 * {@value #DEFAULT_DIRECTORY}/{@code train-images-idx3-ubyte.gz} and the three others.
 *
 * <pre>{@code
 * FashionMnist fashion = FashionMnist.locate();          // or FashionMnist.at(Path.of("my/dir"))
 * IdxDataset train = fashion.train();
 * IdxDataset test = fashion.test();
 * }</pre>
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final String DEFAULT_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** Class names by label. */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private final Path directory;

    private FashionMnist(Path directory) {
        this.directory = directory;
    }

    /** The files in {@link #DEFAULT_DIRECTORY}; fails with install instructions when they are missing. */
    public static FashionMnist locate() {
        return at(Path.of(DEFAULT_DIRECTORY));
    }

    /**
     * The files in {@code directory}: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each possibly with {@code .gz}.
     * Fails, naming the missing files and how to get them, unless all four are there.
     */
    public static FashionMnist at(Path directory) {
        List<String> missing = missingFiles(directory);
        if (!missing.isEmpty()) {
            throw new UncheckedIOException("Fashion-MNIST not found in " + directory.toAbsolutePath() + ": missing "
                    + String.join(", ", missing) + ". Install it with `apt-get install dataset-fashion-mnist` (files go to "
                    + DEFAULT_DIRECTORY + ") or pass the directory that holds the four IDX files",
                    new NoSuchFileException(directory.resolve(missing.get(0)).toString()));
        }
        return new FashionMnist(directory);
    }

    /** True when all four files are in {@code directory}. */
    public static boolean isAvailableAt(Path directory) {
        return missingFiles(directory).isEmpty();
    }

    /** True when the Debian package's files are installed. */
    public static boolean isInstalled() {
        return isAvailableAt(Path.of(DEFAULT_DIRECTORY));
    }

    public Path directory() {
        return directory;
    }

    /** The 60,000 training examples. */
    public IdxDataset train() {
        return IdxDataset.of(file(TRAIN_IMAGES), file(TRAIN_LABELS));
    }

    /** The 10,000 test examples. */
    public IdxDataset test() {
        return IdxDataset.of(file(TEST_IMAGES), file(TEST_LABELS));
    }

    private static List<String> missingFiles(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (find(directory, name) == null) {
                missing.add(name + "[.gz]");
            }
        }
        return missing;
    }

    /** The file to read; if it vanished since {@link #at}, the plain name, so the reader reports it missing. */
    private Path file(String name) {
        Path found = find(directory, name);
        return found != null ? found : directory.resolve(name);
    }

    /** {@code name} or {@code name.gz} in {@code directory}, plain preferred; null if neither exists. */
    private static Path find(Path directory, String name) {
        for (Path candidate : List.of(directory.resolve(name), directory.resolve(name + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FashionMnist(" + directory + ")";
    }
}
