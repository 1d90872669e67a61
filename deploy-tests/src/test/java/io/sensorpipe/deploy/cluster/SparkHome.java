package io.sensorpipe.deploy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A SPARK_HOME laid out from the Spark jars on Maven Central, as a worker needs it to launch executors: the worker
 * builds each executor's command line with {@code org.apache.spark.launcher.WorkerCommandBuilder}, whose class path
 * is {@code $SPARK_HOME/conf} plus {@code $SPARK_HOME/jars/*}, and whose Scala version comes from
 * {@code SPARK_SCALA_VERSION} (a binary distribution has no {@code launcher/target/scala-*} to guess it from).
 */
public final class SparkHome {
    private static final String LOG_CONFIG = String.join("\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.target = SYSTEM_ERR",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
            "logger.deploy.name = org.apache.spark.deploy",
            "logger.deploy.level = info",
            "logger.executor.name = org.apache.spark.executor.CoarseGrainedExecutorBackend",
            "logger.executor.level = info",
            "logger.sensorpipe.name = io.sensorpipe",
            "logger.sensorpipe.level = info",
            "");

    private final Path dir;

    private SparkHome(Path dir) {
        this.dir = dir;
    }

    /** Creates {@code dir/jars} (links to {@code sparkJars}), {@code dir/conf} (log4j2 settings) and {@code dir/work}. */
    public static SparkHome create(Path dir, List<Path> sparkJars) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        try (Stream<Path> stale = Files.list(jars)) {
            for (Path old : stale.toList()) {
                Files.delete(old);   // links of an earlier run, maybe to other versions
            }
        }
        for (Path jar : sparkJars) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(Files.createDirectories(dir.resolve("conf")).resolve("log4j2.properties"), LOG_CONFIG);
        return new SparkHome(dir);
    }

    /** The class path of a Spark daemon or of spark-submit: conf dir and every jar. */
    public String classpath() {
        return dir.resolve("conf") + java.io.File.pathSeparator + dir.resolve("jars") + "/*";
    }

    /** The worker's directory for executor sandboxes (app jars, stdout, stderr). */
    public Path workDir() {
        return dir.resolve("work");
    }

    /** The environment every Spark process here gets: its home, its Scala version, loopback only. */
    public Map<String, String> environment() {
        return Map.of("SPARK_HOME", dir.toString(),
                "SPARK_CONF_DIR", dir.resolve("conf").toString(),
                "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    }
}
