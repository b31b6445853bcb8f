package dev.ukl.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a sequence of strings and files: the inputs of a build step, for up-to-date checks. */
public final class Hashing {
    private final MessageDigest md;

    public Hashing() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Hashing add(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) ':');
        md.update(b);
        return this;
    }

    public Hashing addFile(Path p) {
        try {
            return add(p.toString()).addBytes(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Hashing addBytes(byte[] b) {
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) ':');
        md.update(b);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
