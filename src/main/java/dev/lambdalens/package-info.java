/**
 * LambdaLens root: the application class only; every feature lives in its module package.
 */
@NullMarked
package dev.lambdalens;

import org.jspecify.annotations.NullMarked;
