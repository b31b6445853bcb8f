package dev.ukl.util;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ukl.UklException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON every report writes and reads: one mapper, indented output, one error line per failure. */
public final class Json {
    /** Shared: an ObjectMapper is thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** Writes {@code value} to {@code file}, making its directory first. */
    public static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            MAPPER.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UklException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
