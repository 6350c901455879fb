/**
 * Exports: the same rows as JSON or as CSV, chosen by {@code format=csv} or {@code Accept: text/csv}, for the
 * modules that offer a table to a spreadsheet or a finance team. Depends on nothing but the application's kernel.
 */
@NullMarked
package dev.lambdalens.export;

import org.jspecify.annotations.NullMarked;
