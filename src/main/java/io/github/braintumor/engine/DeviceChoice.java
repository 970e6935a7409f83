package io.github.braintumor.engine;

import ai.djl.Device;

/**
 * Which device the engine runs on: {@code auto} (a GPU when PyTorch can use one, else the CPU), {@code cpu} or
 * {@code gpu} (refused with a reason where no usable GPU exists, instead of running silently on the CPU).
 *
 * <pre>{@code
 * DeviceChoice choice = DeviceChoice.parse("cpu");
 * DjlEngine.configure(null, choice);   // or EngineOptions.builder().optDevice(choice) before the start
 * }</pre>
 *
 * The default of a process is {@link #AUTO} unless the system property {@value #PROPERTY} says otherwise (the
 * CLI's {@code --device} sets it).
 */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /** System property giving the process's default choice ({@code auto}, {@code cpu} or {@code gpu}). */
    public static final String PROPERTY = "braintumor.device";

    /** @return the lower-case name used in macros, the CLI and tables */
    public String id() {
        return Choices.id(this);
    }

    /** @return the ids in menu order: auto, cpu, gpu */
    public static String[] ids() {
        return Choices.ids(DeviceChoice.class);
    }

    /**
     * @param text {@code auto}, {@code cpu} or {@code gpu} (any case; blank = auto)
     * @throws IllegalArgumentException with one line naming the allowed values
     */
    public static DeviceChoice parse(String text) {
        return Choices.parse(DeviceChoice.class, text, AUTO, "device");
    }

    /** @return the choice named by {@value #PROPERTY}, or {@link #AUTO} */
    public static DeviceChoice processDefault() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * The device this choice means on a machine where the driver counts {@code gpuCount} GPUs and the loaded
     * libtorch has (or lacks) CUDA. DJL counts GPUs through the driver, so the CPU-only native jar on a GPU machine
     * must not pick a device it cannot use.
     *
     * @throws IllegalArgumentException for {@link #GPU} where PyTorch cannot use one (a choice this machine
     *     cannot honour, so the caller reports it as a user's mistake, with what to choose instead)
     */
    public Device resolve(int gpuCount, boolean libtorchHasCuda) {
        boolean usable = gpuCount > 0 && libtorchHasCuda;
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> usable ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (!usable) {
                    throw new IllegalArgumentException("device gpu: PyTorch cannot use a GPU here ("
                            + (gpuCount == 0
                                    ? "the driver reports none"
                                    : gpuCount + " GPU(s) found, but the loaded" + " libtorch is the CPU build")
                            + "); use device auto or cpu, or put a CUDA build of"
                            + " libtorch " + DjlEngine.PYTORCH_VERSION + " in PYTORCH_LIBRARY_PATH");
                }
                yield Device.gpu();
            }
        };
    }
}
