package dev.ukl.env;

/** A Debian package the tool needs, and what it is needed for. */
public record Prerequisite(String debianPackage, String purpose) {
}
