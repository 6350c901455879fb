package dev.lambdalens.web;

import dev.lambdalens.inventory.FunctionSummary;

/**
 * One function with its recent figures, as the overview table and the functions API show it.
 */
record FunctionRow(FunctionSummary function, FunctionFigures lastHour) {
}
