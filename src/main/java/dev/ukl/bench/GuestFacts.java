package dev.ukl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a wall-clock figure was measured on, as the guest kernel saw it at boot: the CPU model
 * QEMU gave it, the time-stamp counter's frequency (to turn cycles into time), and the
 * speculation mitigations it runs with, which set what an ordinary system call costs on the
 * hardware and so what UKL can save.
 *
 * @param accelerator KVM or TCG
 * @param cpu         the CPU model, from the kernel's "smpboot: CPU0:" line
 * @param tscMhz      the TSC frequency (refined calibration if there was one), or 0 if not found
 * @param mitigations the kernel's own lines about vulnerabilities and mitigations, and whether
 *                    the kernel was built with them at all
 */
public record GuestFacts(String accelerator, String cpu, double tscMhz, List<String> mitigations) {
    private static final Pattern CPU = Pattern.compile("smpboot: CPU0: (.+?)(?: \\(family: .*)?$");
    private static final Pattern TSC_DETECTED = Pattern.compile("tsc: Detected ([0-9.]+) MHz processor");
    private static final Pattern TSC_REFINED = Pattern.compile("tsc: Refined TSC clocksource calibration: ([0-9.]+) MHz");
    /** The prefixes arch/x86/kernel/cpu/bugs.c prints its verdicts under. */
    private static final Pattern MITIGATION = Pattern.compile(
            "\\]\\s+((?:Spectre V1|Spectre V2|Spectre BHI|RETBleed|Speculative Store Bypass|MDS|TAA|"
                    + "MMIO Stale Data|SRBDS|GDS|Speculative Return Stack Overflow|RFDS|ITS|L1TF|x86/bugs)"
                    + "\\s*:.*)$");

    /** Whether these figures came from emulation, not from hardware. */
    public boolean emulated() {
        return !"KVM".equals(accelerator);
    }

    /**
     * Reads a boot's console lines, with the kernel's .config beside its vmlinux
     * ({@code config} may be null or missing: then nothing is said about how it was built).
     */
    public static GuestFacts parse(String accelerator, List<String> console, Path config) {
        String cpu = "unknown CPU";
        double detected = 0;
        double refined = 0;
        List<String> mitigations = new ArrayList<>();
        for (String line : console) {
            Matcher m = CPU.matcher(line);
            if (m.find()) {
                cpu = m.group(1).strip();
            }
            m = TSC_DETECTED.matcher(line);
            if (m.find()) {
                detected = Double.parseDouble(m.group(1));
            }
            m = TSC_REFINED.matcher(line);
            if (m.find()) {
                refined = Double.parseDouble(m.group(1));
            }
            m = MITIGATION.matcher(line);
            if (m.find()) {
                mitigations.add(m.group(1).strip());
            }
        }
        if (config != null && Files.isRegularFile(config)) {
            mitigations.add(0, builtWith(config));
        }
        return new GuestFacts(accelerator, cpu, refined > 0 ? refined : detected, List.copyOf(mitigations));
    }

    private static String builtWith(Path config) {
        try {
            List<String> lines = Files.readAllLines(config);
            boolean on = lines.contains("CONFIG_CPU_MITIGATIONS=y") || lines.contains("CONFIG_SPECULATION_MITIGATIONS=y");
            return on ? "kernel built with CPU_MITIGATIONS" : "kernel built without CPU_MITIGATIONS "
                    + "(no retpolines, return thunks, page-table isolation or buffer clearing)";
        } catch (IOException e) {
            return "kernel configuration unreadable: " + config;
        }
    }

    /** Nanoseconds for a number of TSC cycles, or NaN without a frequency. */
    public double nanos(double cycles) {
        return tscMhz > 0 ? cycles * 1000 / tscMhz : Double.NaN;
    }

    /** The report's header lines. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "accelerator: %s%s; CPU: %s; TSC: %s", accelerator,
                emulated() ? " (emulated: these are not hardware cycles)" : "", cpu,
                tscMhz > 0 ? String.format(Locale.ROOT, "%.3f MHz", tscMhz) : "frequency unknown"));
        if (mitigations.isEmpty()) {
            out.add("mitigations: the kernel printed none");
        } else {
            mitigations.forEach(m -> out.add("mitigations: " + m));
        }
        return out;
    }
}
