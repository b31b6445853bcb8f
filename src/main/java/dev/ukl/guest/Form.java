package dev.ukl.guest;

import dev.ukl.UklException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How an app runs, the one type every command, test and benchmark names it by: the user program
 * (on the plain kernel, or on the UKL kernel as the control), the UKL app from a shell, the UKL app
 * as init (beside busybox, or bare), and the benchmarks' variants of the UKL app from a shell with
 * some of its fast paths switched off. A form is a label (what reports and {@code --forms} call
 * it), the runner that boots that kind of guest (see {@link FormRunner}), and the kernel
 * parameters the form adds (the fast-path switches).
 */
public record Form(String label, FormRunner runner, List<String> kernelArgs) {
    public Form {
        kernelArgs = List.copyOf(kernelArgs);
    }

    /** The user program on the plain kernel: the baseline. */
    public static final Form USER = new Form("user", new UserForm("plain"), List.of());
    /**
     * The same user program on the UKL kernel the UKL forms boot, the app's archive linked in but
     * not started: the control that an ordinary process there pays what it pays on the plain kernel.
     */
    public static final Form USER_ON_UKL = new Form("user-on-ukl", new UserForm(Pipeline.UKL_VARIANT), List.of());
    /** The UKL app started from a shell (exec of the UKL name). */
    public static final Form UKL_SHELL = new Form("ukl-shell", new UklShellForm(), List.of());
    /** The UKL app as init, from an initramfs with busybox beside it. */
    public static final Form UKL_INIT = new Form("ukl-init", new UklInitForm(false), List.of());
    /** As init, from an initramfs that holds the app's volumes and nothing else (no userspace). */
    public static final Form UKL_BARE = new Form("ukl-bare", new UklInitForm(true), List.of());

    /** The UKL app from a shell with its fast paths off: the base model. */
    public static final Form UKL_BASE = UKL_SHELL.variant("ukl-base", "ukl_bypass=off", "ukl_shortcuts=off",
            "ukl_ret=off");
    /** The bypass alone (CONFIG_UKL_BYPASS). */
    public static final Form UKL_BYPASS = UKL_SHELL.variant("ukl-bypass", "ukl_shortcuts=off", "ukl_ret=off");
    /** The shortcuts alone (CONFIG_UKL_SHORTCUTS). */
    public static final Form UKL_SHORTCUTS = UKL_SHELL.variant("ukl-shortcuts", "ukl_bypass=off", "ukl_ret=off");
    /** Returns from interrupts and exceptions without IRET alone (CONFIG_UKL_RET). */
    public static final Form UKL_RET = UKL_SHELL.variant("ukl-ret", "ukl_bypass=off", "ukl_shortcuts=off");
    /** Every fast path the kernel offers (the default), as the benchmarks name it. */
    public static final Form UKL = UKL_SHELL.variant("ukl");

    /** The ways to start an app: what run, image and bench boot choose among. */
    public static final List<Form> STARTS = List.of(USER, UKL_SHELL, UKL_INIT, UKL_BARE);
    /** What the system-call benchmark can boot: the user program twice and every fast-path variant. */
    public static final List<Form> BENCHED = List.of(USER, USER_ON_UKL, UKL_BASE, UKL_BYPASS, UKL_SHORTCUTS,
            UKL_RET, UKL);
    /** The forms a test or a quick comparison boots: the baseline, the base model, all fast paths. */
    public static final List<Form> MAIN = List.of(USER, UKL_BASE, UKL);
    /** The user program and every UKL variant: what the benchmarks compare. */
    public static final List<Form> COMPARED = List.of(USER, UKL_BASE, UKL_BYPASS, UKL_SHORTCUTS, UKL_RET, UKL);

    /** The same runner under another label, with kernel parameters of its own (a fast-path variant). */
    Form variant(String label, String... args) {
        return new Form(label, runner, List.of(args));
    }

    /**
     * The same form, its boot named apart by {@code suffix}, so that two boots of it can run at
     * once without sharing files.
     */
    public Form suffixed(String suffix) {
        return new Form(label, FormRunner.suffixed(runner, suffix), kernelArgs);
    }

    /** Whether the app runs linked into the kernel, its code in vmlinux (else as a user program). */
    public boolean appInKernel() {
        return runner.appInKernel();
    }

    /** The kernel variant the form boots (plain, ukl). */
    public String variant() {
        return runner.variant();
    }

    /** How the app runs, for messages: "as a user program on the plain kernel". */
    public String describe() {
        return runner.describe();
    }

    /** The kernel the form boots for an app with this archive (see {@link Pipeline#kernelFor}). */
    public KernelRequest kernel(Path uklArchive) {
        return KernelRequest.of(variant(), uklArchive);
    }

    /**
     * What a benchmark that counts asks the kernel for: fixed addresses. Guests randomize them by
     * default; a count must not move with where the stack and heap land.
     */
    public static final List<String> FIXED_ADDRESSES = List.of("norandmaps");

    /**
     * The kernel parameters of the form in a benchmark that counts, for a boot that does not go
     * through {@link AppRunner} (which adds the form's own): {@link #FIXED_ADDRESSES}, then the form's.
     */
    public List<String> countedKernelArgs() {
        List<String> args = new ArrayList<>(FIXED_ADDRESSES);
        args.addAll(kernelArgs);
        return args;
    }

    /** The form among {@code forms} whose label this is. */
    public static Form of(String label, List<Form> forms) {
        for (Form f : forms) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new UklException("no form '" + label + "': the forms are "
                + String.join(", ", forms.stream().map(Form::label).toList()));
    }

    @Override
    public String toString() {
        return label;
    }
}
