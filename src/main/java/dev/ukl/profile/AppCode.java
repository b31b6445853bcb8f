package dev.ukl.profile;

import dev.ukl.UklException;

import java.nio.file.Path;
import java.util.function.LongPredicate;

/**
 * The symbols a profile's addresses resolve to, and which addresses are the app's code: for the
 * UKL app, its text inside vmlinux (between {@code __ukl_text_start} and {@code __ukl_text_end});
 * for the user program, everything below the kernel half, named by the program's own symbols.
 */
public record AppCode(Symbols symbols, LongPredicate isApp) {
    /** Lowest address of the kernel half: below it, an instruction is the user program's. */
    static final long KERNEL_HALF = 0xffff800000000000L;

    /** The UKL app's code in {@code vmlinux}, or the user program's beside the kernel's. */
    public static AppCode of(Path vmlinux, boolean appInKernel, Path userProgram) {
        Symbols symbols = new Symbols().add(vmlinux);
        if (appInKernel) {
            long start = symbols.addressOf("__ukl_text_start").orElseThrow(() -> notUkl(vmlinux));
            long end = symbols.addressOf("__ukl_text_end").orElseThrow(() -> notUkl(vmlinux));
            return new AppCode(symbols,
                    a -> Long.compareUnsigned(a, start) >= 0 && Long.compareUnsigned(a, end) < 0);
        }
        symbols.add(userProgram);
        return new AppCode(symbols, a -> Long.compareUnsigned(a, KERNEL_HALF) < 0);
    }

    private static UklException notUkl(Path vmlinux) {
        return new UklException(vmlinux + " has no __ukl_text_start/__ukl_text_end: not a UKL kernel");
    }
}
