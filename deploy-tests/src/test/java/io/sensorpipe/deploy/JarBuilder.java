package io.sensorpipe.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs compiled test classes into a jar, so that a test application can be handed to spark-submit. */
final class JarBuilder {
    private JarBuilder() {
    }

    /** Writes {@code jar} with every class file under {@code classesDir} whose path starts with {@code prefix}. */
    static Path pack(Path classesDir, String prefix, Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        List<Path> classes;
        try (Stream<Path> files = Files.walk(classesDir)) {
            classes = files.filter(Files::isRegularFile)
                    .filter(p -> classesDir.relativize(p).toString().startsWith(prefix)).toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            for (Path c : classes) {
                jos.putNextEntry(new JarEntry(classesDir.relativize(c).toString().replace('\\', '/')));
                Files.copy(c, jos);
                jos.closeEntry();
            }
        }
        return jar;
    }
}
