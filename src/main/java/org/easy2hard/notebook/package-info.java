/**
 * Notebook support for the IJava kernel: renderers that show Tablesaw tables as HTML tables, XChart charts as PNG
 * images and run summaries as tables; progress shown inside the running cell; the switches that
 * {@code notebooks/setup.jsh} gives every notebook ({@link org.easy2hard.notebook.Notebooks}); curve points by position on
 * the curve rather than list index ({@link org.easy2hard.notebook.Curves}); the paper's reported SGR
 * range beside a run's ({@link org.easy2hard.notebook.PaperRange}); and the check that an executed notebook holds
 * tables and figures. The kernel's display API ({@code jupyter-jvm-basekernel}) is a provided
 * dependency: the kernel supplies it at run time. May use every other package of the library; none uses it.
 */
package org.easy2hard.notebook;
