package dev.ukl.vm;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** A TCG plugin QEMU loads ({@code -plugin}), with its arguments. */
public record QemuPlugin(Path library, Map<String, String> args) {
    public QemuPlugin {
        args = Map.copyOf(new java.util.TreeMap<>(args));
    }

    /** The value of QEMU's -plugin option: file=LIBRARY,NAME=VALUE,... in a fixed order. */
    public String option() {
        String rest = new java.util.TreeMap<>(args).entrySet().stream()
                .map(e -> "," + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
        return "file=" + library + rest;
    }
}
