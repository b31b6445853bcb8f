package dev.ukl.guest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The kernel a boot needs, as a value the executor builds from: a variant and, on the UKL variant,
 * the app archive it links (see {@link Pipeline#kernelFor}); or a kernel already at hand (an image's
 * own, or one built before), used as it is.
 */
public record KernelRequest(String variant, Path uklArchive, Path built) {
    public KernelRequest {
        if ((built == null) == (variant == null)) {
            throw new IllegalArgumentException("a kernel request names a variant or a built kernel");
        }
    }

    /**
     * The variant's kernel; on the UKL variant the one that links {@code uklArchive}, or as last
     * built when that is null.
     */
    public static KernelRequest of(String variant, Path uklArchive) {
        return new KernelRequest(variant, Pipeline.UKL_VARIANT.equals(variant) ? uklArchive : null, null);
    }

    /** The UKL kernel that links the app archive. */
    public static KernelRequest linking(Path uklArchive) {
        return of(Pipeline.UKL_VARIANT, uklArchive);
    }

    /** A kernel at hand, booted as it is. */
    public static KernelRequest at(Path kernel) {
        return new KernelRequest(null, null, Objects.requireNonNull(kernel, "kernel"));
    }

    @Override
    public String toString() {
        return built != null ? built.toString()
                : variant + (uklArchive != null ? " linking " + uklArchive.getFileName() : "");
    }
}
