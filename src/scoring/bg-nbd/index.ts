/** BG/NBD model (Fader, Hardie & Lee 2005): types, likelihood, fit and per-customer predictions. */
export type { BgNbdParams, CustomerSummary, WeightedCustomerSummary } from './bg-nbd-params.js';
export { customerLogLikelihood } from './customer-log-likelihood.js';
export { digamma } from './digamma.js';
export { expectedPurchases } from './expected-purchases.js';
export { fitBgNbd, type BgNbdFit, type FitBgNbdOptions } from './fit-bg-nbd.js';
export { groupSummaries } from './group-summaries.js';
export { hypergeometric2f1 } from './hypergeometric-2f1.js';
export { logLikelihood } from './log-likelihood.js';
export { logLikelihoodWithGradient } from './log-likelihood-with-gradient.js';
export { pAlive } from './p-alive.js';
