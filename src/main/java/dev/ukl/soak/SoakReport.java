package dev.ukl.soak;

import dev.ukl.UklException;
import dev.ukl.util.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code ukl soak} found, for build/soak/report.json: the guest's figures ("# soak:" lines),
 * each guest subtest's outcome, and the host's echo-load figures when the echo boot ran.
 *
 * @param figures          the guest's figure lines, in order, both boots
 * @param subtests         each guest subtest, "boot/name", and whether it passed
 * @param echoLoad         the load while the echo server was killed and restarted (null: not run)
 * @param echoLastInstance the short load on the last instance (null: not run)
 * @param ok               whether every boot that ran passed
 */
public record SoakReport(int kills, int syscalls, int echoMinutes, List<String> figures,
                         Map<String, Boolean> subtests, EchoLoad.Figures echoLoad,
                         EchoLoad.Figures echoLastInstance, boolean ok) {
    public void writeJson(Path file) {
        Json.write(file, this);
    }

    public static SoakReport readJson(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), SoakReport.class);
        } catch (IOException e) {
            throw new UklException("cannot read the soak report " + file + ": " + e.getMessage(), e);
        }
    }
}
