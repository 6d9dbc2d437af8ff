package org.easy2hard.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Finds the running IJava kernel by reflection, so that the library compiles and runs without the kernel jar: only
 * the display API (the kernel's base library) is a compile-time dependency.
 */
final class Kernels {

    /** IJava's entry class; its static {@code getKernelInstance()} returns the kernel of the current JVM. */
    static final String IJAVA_CLASS = "io.github.spencerpark.ijava.IJava";

    private Kernels() {
    }

    /** The IJava kernel this code runs in; empty outside a kernel (tests, the command line, another kernel). */
    static Optional<BaseKernel> current() {
        for (ClassLoader loader : new ClassLoader[] {Kernels.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                Class<?> ijava = Class.forName(IJAVA_CLASS, true, loader);
                Object kernel = ijava.getMethod("getKernelInstance").invoke(null);
                // A kernel whose display classes came from another class loader is not one we can talk to.
                if (kernel instanceof BaseKernel base) {
                    return Optional.of(base);
                }
            } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                     | InvocationTargetException | LinkageError e) {
                // Not in an IJava kernel from this loader: try the next one, else there is none.
            }
        }
        return Optional.empty();
    }
}
