/**
 * Fixed-point money arithmetic: exact products and quotients of {@code long} amounts with a named rounding,
 * powers of ten, integer square roots and decimal text conversion. Overflow is always an
 * {@link java.lang.ArithmeticException}, never a wrap.
 */
package io.novation.core.money;
