package plain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ordinary Java: collections, string formatting, exceptions thrown and caught, and an allocation
 * loop that allocates far more than the guest's memory in total, so the collector must run.
 */
public final class Main {
    private Main() {
    }

    static final class Invalid extends Exception {
        Invalid(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static int parse(String s) throws Invalid {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Invalid("not a number: " + s, e);
        }
    }

    public static void main(String[] args) {
        Map<String, Integer> counts = new HashMap<>();
        String text = "the quick brown fox jumps over the lazy dog the fox";
        for (String w : text.split(" ")) {
            counts.merge(w, 1, Integer::sum);
        }
        System.out.println("words: " + new TreeMap<>(counts));

        List<Integer> squares = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            squares.add(i * i);
        }
        squares.sort((a, b) -> b - a);
        System.out.println("squares descending: " + squares);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(String.format("[%3d|%-5s|%08.3f]", i, "x" + i, i / 7.0));
        }
        System.out.println(sb);

        int caught = 0;
        for (String s : new String[] {"12", "x7", "40", ""}) {
            try {
                System.out.println("parsed " + parse(s));
            } catch (Invalid e) {
                caught++;
                System.out.println("caught: " + e.getMessage() + " (cause "
                        + e.getCause().getClass().getSimpleName() + ")");
            }
        }
        try {
            int[] small = new int[2];
            small[caught] = 1;
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("index out of bounds caught");
        }
        try {
            Object o = null;
            o.toString();
        } catch (NullPointerException e) {
            System.out.println("null pointer caught");
        }

        // about 2 GiB allocated in total, at most about 8 MiB alive: the guest has 512 MiB
        long total = 0;
        long checksum = 0;
        byte[][] keep = new byte[8][];
        for (int i = 0; i < 2048; i++) {
            byte[] block = new byte[1 << 20];
            block[i % block.length] = (byte) i;
            keep[i % keep.length] = block;
            total += block.length;
            checksum += block[i % block.length];
        }
        System.out.println("allocated " + (total >> 20) + " MiB in total, checksum " + checksum
                + ", kept " + keep.length + " blocks");
        System.out.println("done");
    }
}
