package dev.ukl.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over a sequence of strings and files: the inputs of a build step, for up-to-date checks.
 * The digest is taken once, by the first {@link #hex()}: asking again gives the same value, and
 * adding after it is an error (a digest that silently restarted made every stamp hold the hash of
 * nothing).
 */
public final class Hashing {
    private final MessageDigest md;
    private String hex;

    public Hashing() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Hashing add(String s) {
        open();
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
        open();
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) ':');
        md.update(b);
        return this;
    }

    /** The digest of everything added, in hex; the same on every call. */
    public String hex() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(md.digest());
        }
        return hex;
    }

    private void open() {
        if (hex != null) {
            throw new IllegalStateException("the digest was already taken; nothing can be added to it");
        }
    }
}
