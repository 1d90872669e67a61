package io.sensorpipe.common.config;

/** A bad setting or flag: the message names the setting and what is wrong with it. Exit code 2. */
public class SettingException extends RuntimeException {
    /** Creates the exception for one setting. */
    public SettingException(String setting, String problem) {
        super("invalid setting " + setting + ": " + problem);
    }
}
