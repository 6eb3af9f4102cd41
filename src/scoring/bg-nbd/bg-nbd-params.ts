/**
 * Types of the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way:
 * An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284).
 *
 * The model: while alive, a customer buys at Poisson rate λ, with λ ~ Gamma(shape r, rate α)
 * across customers; after every purchase the customer drops out for good with probability p,
 * with p ~ Beta(a, b) across customers.
 *
 * Time is in whatever unit the caller chose (the paper and our tests use weeks); α carries
 * that unit, so r/α is the mean purchase rate per unit of time. All four parameters are > 0.
 */
export interface BgNbdParams {
  /** Shape of the Gamma mixing distribution of the purchase rate λ. */
  readonly r: number;
  /** Rate (inverse scale) of the Gamma mixing distribution of λ, in time units. */
  readonly alpha: number;
  /** First shape of the Beta mixing distribution of the dropout probability p. */
  readonly a: number;
  /** Second shape of the Beta mixing distribution of the dropout probability p. */
  readonly b: number;
}

/**
 * What the model needs to know of one customer's history, measured from the customer's first
 * purchase (the first purchase itself is not counted: BG/NBD models *repeat* purchases).
 */
export interface CustomerSummary {
  /** Number of repeat purchases in the observation window (a non-negative integer). */
  readonly x: number;
  /** Time of the last purchase since the first one (0 when x = 0); 0 <= tx <= T. */
  readonly tx: number;
  /** Time from the first purchase to the end of the observation window ("age"). */
  readonly T: number;
}

/** A customer summary standing for `weight` identical customers (see groupSummaries). */
export interface WeightedCustomerSummary extends CustomerSummary {
  /** How many customers share this (x, tx, T); > 0. */
  readonly weight: number;
}
