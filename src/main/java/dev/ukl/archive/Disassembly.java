package dev.ukl.archive;

import dev.ukl.UklException;
import dev.ukl.util.Proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system-call instructions of one object's code, by section and offset, from objdump's
 * disassembly. Run lazily, once per object, only when a byte scan found a candidate.
 */
final class Disassembly {
    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (\\S+):$");
    private static final Pattern INSN = Pattern.compile("^\\s*([0-9a-f]+):\\t(?:[0-9a-f]{2} )+\\s*\\t(syscall|sysenter|int\\s+\\$0x80)\\b.*$");

    private final byte[] object;
    private Map<String, Map<Long, String>> bySection;

    Disassembly(byte[] object) {
        this.object = object;
    }

    /** Offset to mnemonic of every system-call instruction in the section. */
    Map<Long, String> instructions(String section) {
        if (bySection == null) {
            bySection = disassemble();
        }
        return bySection.getOrDefault(section, Map.of());
    }

    private Map<String, Map<Long, String>> disassemble() {
        Path file;
        try {
            file = Files.createTempFile("ukl-check", ".o");
            Files.write(file, object);
        } catch (IOException e) {
            throw new UklException("cannot write a temporary object for objdump: " + e.getMessage());
        }
        Proc.Result r;
        try {
            r = Proc.run(null, List.of("objdump", "-d", "-w", "-z", file.toString()));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file
            }
        }
        if (!r.ok()) {
            throw new UklException("objdump could not disassemble an object", null, r.output().strip());
        }
        Map<String, Map<Long, String>> out = new HashMap<>();
        String section = null;
        for (String line : r.output().split("\n")) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                section = m.group(1);
                continue;
            }
            m = INSN.matcher(line);
            if (section != null && m.matches()) {
                String mnemonic = m.group(2).startsWith("int") ? "int $0x80" : m.group(2);
                out.computeIfAbsent(section, k -> new TreeMap<>()).put(Long.parseLong(m.group(1), 16), mnemonic);
            }
        }
        return out;
    }
}
