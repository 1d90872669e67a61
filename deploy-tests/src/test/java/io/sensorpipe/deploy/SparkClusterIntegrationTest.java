package io.sensorpipe.deploy;

import io.sensorpipe.deploy.cluster.ChildJvm;
import io.sensorpipe.deploy.cluster.SparkStandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job on a real Spark standalone cluster: master and worker in their own JVMs from the Spark jars, the
 * application submitted with Spark's own SparkSubmit, executors launched by the worker.
 */
class SparkClusterIntegrationTest {
    private static final Path WORK = Path.of("target", "spark-cluster");
    private static SparkStandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SparkStandaloneCluster.start(WORK, sparkJars(), sparkJvmOptions());
    }

    @AfterAll
    static void stopClusterLeavingNoProcessBehind() throws Exception {
        if (cluster == null) {
            return;
        }
        List<ProcessHandle> all = cluster.allProcesses();
        cluster.close();
        for (ProcessHandle p : all) {
            assertFalse(p.isAlive(), "process " + p.pid() + " " + p.info().command().orElse("") + " outlived the test");
        }
    }

    @Test
    void submittedAppRunsInExecutorsTheWorkerLaunched() throws Exception {
        Path jar = JarBuilder.pack(Path.of("target", "test-classes"), "io/sensorpipe/deploy/ClusterSmokeApp",
                WORK.resolve("cluster-smoke.jar"));
        try (ChildJvm driver = cluster.submit("cluster-smoke", jar, ClusterSmokeApp.class.getName(), List.of("1000"))) {
            String line = driver.awaitLog("(SMOKE .*)", Duration.ofSeconds(180));
            Matcher m = Pattern.compile("sum=(\\d+) driverPid=(\\d+) executorPids=\\[(.*)]").matcher(line);
            assertTrue(m.find(), line);
            assertEquals(333_833_500L, Long.parseLong(m.group(1)), "sum of squares 1..1000");
            List<Long> executors = Arrays.stream(m.group(3).split(",\\s*")).map(Long::parseLong).toList();
            assertFalse(executors.contains(Long.parseLong(m.group(2))), "work ran in the driver: " + line);
            List<Long> workerChildren = cluster.allProcesses().stream().map(ProcessHandle::pid).toList();
            assertTrue(workerChildren.containsAll(executors), "executors " + executors + " not launched by the worker");
        }
    }

    static List<Path> sparkJars() throws Exception {
        String cp = Files.readString(Path.of("target", "provided-classpath.txt")).trim();
        return Arrays.stream(cp.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    static List<String> sparkJvmOptions() {
        String opens = System.getProperty("spark.java17.opens", "");
        return Arrays.stream(opens.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
