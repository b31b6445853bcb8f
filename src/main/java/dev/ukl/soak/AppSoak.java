package dev.ukl.soak;

import dev.ukl.suite.GuestTests;

import java.util.Map;

/**
 * The soak's first boot (guest/ukl/soak.sh), a planner over the UKL suite's kernel and image: the
 * app killed at random points {@code kills} times, then {@code syscalls} random system calls from
 * it and from its user form. Its figures are the console's "# soak:" lines (see {@link SoakFigures}).
 */
public final class AppSoak {
    private AppSoak() {
    }

    public static GuestTests.Suite plan(GuestTests tests, int kills, int syscalls, String name) {
        return tests.uklScript("ukl/soak.sh",
                Map.of("KILLS", Integer.toString(kills), "SYSCALLS", Integer.toString(syscalls)),
                " linked in: " + kills + " kills, " + syscalls + " random system calls in each form", name);
    }
}
