/**
 * Web: the shared page layout, the overview and function pages, the functions API, and the REST error handling.
 * Reads every other module, and is read by none.
 */
@NullMarked
package dev.lambdalens.web;

import org.jspecify.annotations.NullMarked;
