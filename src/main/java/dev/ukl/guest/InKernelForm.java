package dev.ukl.guest;

/** A form that runs the app linked into the kernel: on the UKL kernel that links its archive. */
interface InKernelForm extends FormRunner {
    @Override
    default boolean appInKernel() {
        return true;
    }

    @Override
    default String variant() {
        return Pipeline.UKL_VARIANT;
    }
}
