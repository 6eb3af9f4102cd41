import type { FitBgNbdOptions } from './bg-nbd/index.js';

/**
 * How a book's BG/NBD is fitted, in the walk's thread or the fit's own: the same options both
 * ways, so both give the same model. A book reaches the fit only with enough repeat customers
 * (canFitBook) to take a fit on the dropout ridge as the answer it is; without it, a book whose
 * customers seldom drop out lost its model on one day in two, and its scores flipped from night to
 * night. A 1e-4 change of the mean log-likelihood per customer for a unit step in log-parameters
 * moves no prediction: a fit stalled with a gradient within it is at its answer.
 */
export const BOOK_FIT_OPTIONS: FitBgNbdOptions = { acceptDropoutRidge: true, stallGradientTolerance: 1e-4 };
