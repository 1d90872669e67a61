package io.sensorpipe.launcher.run;

import io.sensorpipe.common.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How {@code bin/pipeline run} starts a component: {@code bin/pipeline <args>}, exactly as a user would start it, in
 * a session of its own (a Ctrl-C in the terminal reaches only the launcher, which then stops the children in order),
 * with a fresh {@code <logs>/<name>.log} for this run.
 */
final class Children {
    private Children() {
    }

    static ChildProcess start(RunSettings settings, String name, List<String> args, Map<String, String> env)
            throws IOException {
        Path log = settings.logDir().resolve(name + ".log");
        Files.deleteIfExists(log);
        return ChildProcess.start(ChildProcess.Command.pipeline(settings.pipeline().getParent().getParent(), args)
                .named(name).env(env).ownSession(), log);
    }
}
