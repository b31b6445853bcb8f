package dev.ukl.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which the forms of a wall-clock benchmark run in each round: all of them, rotated
 * by one place per round, so that no form always runs first (on a cold host) or last (after the
 * others have warmed it), and a drift of the host over the run touches every form alike.
 */
public final class Rounds {
    private Rounds() {
    }

    /** The forms in the order round {@code round} (1-based) runs them. */
    public static <T> List<T> order(List<T> forms, int round) {
        if (round < 1) {
            throw new IllegalArgumentException("rounds count from 1: " + round);
        }
        List<T> out = new ArrayList<>(forms.size());
        for (int k = 0; k < forms.size(); k++) {
            out.add(forms.get((k + round - 1) % forms.size()));
        }
        return out;
    }
}
