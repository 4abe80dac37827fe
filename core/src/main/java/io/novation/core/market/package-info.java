/**
 * Market definitions and their risk parameters: liquidity tiers (initial margin, maintenance fraction,
 * open-interest caps, size premium), in ppm and quote quantums.
 */
package io.novation.core.market;
