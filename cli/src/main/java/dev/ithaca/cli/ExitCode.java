package dev.ithaca.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The process exit status of every {@code ithaca} command; each failure category has its own, stable number. */
public enum ExitCode {
    OK(0, "success"),
    USAGE(1, "bad arguments or configuration"),
    DATA(2, "data or corpus error: missing, unreadable or corrupt input, checksum mismatch"),
    DIVERGED(3, "training diverged: the loss became NaN or infinite"),
    IO(4, "checkpoint or output error: unwritable output directory, corrupt or mismatched checkpoint"),
    BACKEND(5, "the requested backend is unavailable on this machine");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The list shown under "Exit codes:" in every command's help. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            list.put(Integer.toString(exit.code), exit.meaning);
        }
        return list;
    }
}
