import type { FitBgNbdOptions } from './bg-nbd/index.js';

/**
 * How a book's BG/NBD is fitted, in the walk's thread or the fit's own: the same options both
 * ways, so both give the same model. A book reaches the fit only with enough repeat customers
 * (canFitBook) to take a fit on the dropout ridge as the answer it is; without it, a book whose
 * customers seldom drop out lost its model on one day in two, and its scores flipped from night to
 * night. A fit that stalls (no step improves it in floating point) is as far as the arithmetic
 * goes; with a gradient within 1e-4 (the mean log-likelihood per customer, per unit of a
 * log-parameter) it is taken as converged. The demo book's stalls came at 1e-7 to 1e-5.
 */
export const BOOK_FIT_OPTIONS: FitBgNbdOptions = { acceptDropoutRidge: true, stallGradientTolerance: 1e-4 };
