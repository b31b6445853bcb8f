package dev.ukl;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the repository root and the scratch tree under build/. */
public final class Project {
    private final Path root;

    public Project(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The project containing the working directory, or the one named by -Dukl.root. */
    public static Project locate() {
        String prop = System.getProperty("ukl.root");
        if (prop != null) {
            return new Project(Path.of(prop));
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("kernel/configs")) && Files.exists(p.resolve("pom.xml"))) {
                return new Project(p);
            }
        }
        throw new UklException("not inside a UKL project (no kernel/configs above " + dir + ")");
    }

    public Path root() {
        return root;
    }

    public Path build() {
        return root.resolve("build");
    }

    public Path kernelSource() {
        return build().resolve("src/linux");
    }

    public Path kernelObjects(String variant) {
        return build().resolve("kernel").resolve(variant);
    }

    public Path patches() {
        return root.resolve("kernel/patches");
    }

    public Path configs() {
        return root.resolve("kernel/configs");
    }

    public Path guest() {
        return root.resolve("guest");
    }

    public Path logs() {
        return build().resolve("logs");
    }

    public Path apps() {
        return build().resolve("apps");
    }
}
