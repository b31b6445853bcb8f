package dev.ukl.app;

import dev.ukl.util.Stamp;

import dev.ukl.Project;
import dev.ukl.UklException;
import dev.ukl.runtime.UklCc;
import dev.ukl.util.Hashing;
import dev.ukl.util.Proc;
import dev.ukl.util.Progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A Java app, compiled ahead of time: its Maven project is packaged (or its jar taken as it is),
 * TeaVM's C target translates the jar and its main class to C (a generated driver project runs
 * teavm-maven-plugin with the class library and dev.ukl.sys), and that C is built both ways with
 * ukl cc, together with the C side of dev.ukl.sys: a static musl program and the UKL archive.
 */
final class JavaApp {
    static final String TEAVM_VERSION = "0.16.0";
    static final String API_COORDINATES = "dev.ukl:ukl-sys:0.1.0";

    private final Project project;
    private final Path buildRoot;

    JavaApp(Project project, Path buildRoot) {
        this.project = project;
        this.buildRoot = buildRoot;
    }

    /** The Main-Class of a jar's manifest; a jar without one cannot be an app. */
    static String mainClassOf(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            String main = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null || main.isBlank()) {
                throw new UklException("jar " + jar + " has no Main-Class in its manifest");
            }
            return main.strip();
        } catch (IOException e) {
            throw new UklException("cannot read jar " + jar + ": " + e.getMessage());
        }
    }

    AppBuilder.Built build(App app) {
        Path work = buildRoot.resolve(app.name());
        Path log = work.resolve("java-build.log");
        Path api = project.root().resolve("runtime/java");
        try {
            Files.createDirectories(work);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UklException("cannot create " + work + ": " + e.getMessage());
        }
        installApi(api, work, log);
        Progress steps = new Progress("java " + app.name(), 4);
        steps.update(0, "mvn package");
        Path jar = Files.isRegularFile(app.dir()) ? app.dir() : packageProject(app, log);
        Path user = work.resolve("user").resolve(app.name());
        Path archive = work.resolve("UKL.a");
        Stamp stampFile = new Stamp(work.resolve(".java-stamp"));
        String stamp = new Hashing().addFile(jar).add(app.main()).add(tree(api)).add(TEAVM_VERSION)
                .add(new dev.ukl.runtime.MuslRuntime(project).stamp()).hex();
        if (stampFile.fresh(stamp, user, archive)) {
            steps.done("up to date");
            return new AppBuilder.Built(app, user, archive);
        }
        steps.update(1, "TeaVM: Java to C");
        Path c = translate(app, jar, work, log);
        List<String> sources = List.of("-O2", "-w", "-I" + api.resolve("c"), c.resolve("all.c").toString(),
                api.resolve("c/ukl_sys.c").toString(), "-lm");
        steps.update(2, "the user program");
        cc(project, true, user, sources, app);
        steps.update(3, "the UKL archive");
        cc(project, false, archive, sources, app);
        stampFile.write(stamp);
        steps.done("built both forms");
        return new AppBuilder.Built(app, user, archive);
    }

    /** Installs dev.ukl.sys into the local Maven repository when its sources changed. */
    private static void installApi(Path api, Path work, Path log) {
        Stamp stampFile = new Stamp(work.getParent().resolve(".ukl-sys-installed"));
        String stamp = tree(api);
        if (stampFile.fresh(stamp)) {
            return;
        }
        maven(api, List.of("-q", "install", "-DskipTests"), log, "installing the UKL Java API (runtime/java) failed");
        stampFile.write(stamp);
    }

    /** mvn package of the app's project; its jar is the newest one under target/. */
    private static Path packageProject(App app, Path log) {
        maven(app.dir(), List.of("-q", "package", "-DskipTests"), log, "Java app " + app.name()
                + ": mvn package failed");
        try (Stream<Path> s = Files.list(app.dir().resolve("target"))) {
            return s.filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-sources.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new UklException("Java app " + app.name() + ": mvn package left no jar in "
                            + app.dir().resolve("target"), log));
        } catch (IOException e) {
            throw new UklException("Java app " + app.name() + ": no target/ after mvn package", log);
        }
    }

    /** Runs TeaVM's C target through a generated driver project; returns the C directory. */
    private static Path translate(App app, Path jar, Path work, Path log) {
        Path driver = work.resolve("teavm");
        Path c = driver.resolve("c");
        String[] api = API_COORDINATES.split(":");
        write(driver.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Generated by ukl: translates %1$s to C with TeaVM. -->
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>ukl.generated</groupId>
                  <artifactId>%1$s-teavm</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency><groupId>org.teavm</groupId><artifactId>teavm-classlib</artifactId><version>%2$s</version></dependency>
                    <dependency><groupId>%3$s</groupId><artifactId>%4$s</artifactId><version>%5$s</version></dependency>
                    <dependency><groupId>ukl.generated</groupId><artifactId>%1$s</artifactId><version>1</version>
                      <scope>system</scope><systemPath>%6$s</systemPath></dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.teavm</groupId>
                        <artifactId>teavm-maven-plugin</artifactId>
                        <version>%2$s</version>
                        <executions>
                          <execution>
                            <id>c</id>
                            <phase>package</phase>
                            <goals><goal>compile</goal></goals>
                            <configuration>
                              <targetType>C</targetType>
                              <mainClass>%7$s</mainClass>
                              <targetDirectory>%8$s</targetDirectory>
                              <minifying>false</minifying>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(app.name(), TEAVM_VERSION, api[0], api[1], api[2], jar.toAbsolutePath(), app.main(),
                c));
        Proc.run(null, List.of("rm", "-rf", c.toString()));
        Proc.Result r = Proc.run(driver, List.of("mvn", "-B", "-q", "package"));
        append(log, "$ mvn -B -q package (TeaVM, in " + driver + ")\n" + r.output());
        if (!r.ok() || !Files.exists(c.resolve("all.c"))) {
            String problems = TeaVmProblems.from(r.output());
            throw new UklException("TeaVM cannot compile Java app " + app.name()
                    + (problems.isEmpty() ? "" : ": " + problems.lines().findFirst().orElse("")), log,
                    problems.isEmpty() ? Proc.tail(List.of(r.output().split("\n")), 25) : problems);
        }
        return c;
    }

    private static void cc(Project project, boolean userspace, Path out, List<String> sources, App app) {
        List<String> args = new ArrayList<>(List.of("-o", out.toString()));
        args.addAll(sources);
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            throw new UklException("cannot create " + out.getParent());
        }
        StringWriter err = new StringWriter();
        int rc = UklCc.capturing(project, new PrintWriter(err, true)).run(args, userspace);
        if (rc != 0) {
            throw new UklException("Java app " + app.name() + ": the generated C does not build "
                    + (userspace ? "as a user program" : "as a UKL app"), null, err.toString().strip());
        }
    }

    private static void maven(Path dir, List<String> goals, Path log, String message) {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B"));
        cmd.addAll(goals);
        Proc.Result r = Proc.run(dir, cmd);
        append(log, "$ " + String.join(" ", cmd) + " (in " + dir + ")\n" + r.output());
        if (!r.ok()) {
            throw new UklException(message, log, Proc.tail(List.of(r.output().split("\n")), 25));
        }
    }

    /** A hash of a source tree's files (runtime/java): what installApi and the stamp depend on. */
    private static String tree(Path dir) {
        Hashing h = new Hashing();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/target/")).sorted()
                    .forEach(p -> h.add(dir.relativize(p).toString()).addFile(p));
        } catch (IOException e) {
            throw new UklException("cannot read " + dir + ": " + e.getMessage());
        }
        return h.hex();
    }

    private static void append(Path log, String text) {
        try {
            Files.writeString(log, text + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a convenience
        }
    }

    private static void write(Path p, String s) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UklException("cannot write " + p + ": " + e.getMessage());
        }
    }
}
