import { gammaln } from 'simple-statistics';
import { assertBgNbdParams } from './assert-bg-nbd-params.js';
import { assertCustomerSummary } from './assert-customer-summary.js';
import type { BgNbdParams, CustomerSummary } from './bg-nbd-params.js';
import { digamma } from './digamma.js';

/** Population log-likelihood and its partial derivatives with respect to r, α, a and b. */
export interface LogLikelihoodWithGradient {
  readonly logLikelihood: number;
  readonly gradient: BgNbdParams;
}

/**
 * BG/NBD population log-likelihood (same value as logLikelihood) together with its analytic
 * gradient, for the maximum-likelihood fit.
 *
 * Why analytic: finite differences of a sum over thousands of customers lose about half of
 * the digits, which is what makes fits stop short of the optimum. Writing the customer's
 * log-likelihood as  shared + ln(e^A + [x>0] e^D)  (see customerLogLikelihood) with
 *
 *   shared = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *   A      = −(r+x) ln(α+T)
 *   D      = ln a − ln(b+x−1) − (r+x) ln(α+tx)
 *
 * every derivative is elementary plus digamma ψ:
 *
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − wA ln(α+T) − wD ln(α+tx)
 *   ∂/∂α = r/α − (r+x) [wA/(α+T) + wD/(α+tx)]
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + wD/a
 *   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − wD/(b+x−1)
 *
 * where wA = e^A/(e^A + e^D) and wD = 1 − wA are the posterior weights of "alive at T" and
 * "dropped out at tx" (wA = 1, wD = 0 when x = 0). Terms depending on the parameters only
 * are computed once per call, not once per customer, and the lnΓ and ψ terms once per distinct x:
 * a book of 20,000 customers has a few hundred, and these special functions are most of the cost.
 */
export function logLikelihoodWithGradient(
  params: BgNbdParams,
  customers: readonly (CustomerSummary & { readonly weight?: number })[],
): LogLikelihoodWithGradient {
  return logLikelihoodWithGradientOfColumns(params, summaryColumns(customers));
}

/** Customer summaries as columns, each checked once: what a fit evaluates the likelihood over many times. */
export interface SummaryColumns {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  readonly maxX: number;
  /** Each summary's T as a place among the distinct values of T (`distinctT`), and tx the same way. */
  readonly tPlace: Int32Array;
  readonly distinctT: Float64Array;
  readonly txPlace: Int32Array;
  readonly distinctTx: Float64Array;
}

export function summaryColumns(customers: readonly (CustomerSummary & { readonly weight?: number })[]): SummaryColumns {
  const n = customers.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  let maxX = 0;
  customers.forEach((customer, index) => {
    assertCustomerSummary(customer);
    x[index] = customer.x;
    tx[index] = customer.tx;
    T[index] = customer.T;
    weight[index] = customer.weight ?? 1;
    maxX = Math.max(maxX, customer.x);
  });
  const byT = placesOfDistinct(T);
  const byTx = placesOfDistinct(tx);
  return { x, tx, T, weight, maxX, tPlace: byT.places, distinctT: byT.distinct, txPlace: byTx.places, distinctTx: byTx.distinct };
}

/**
 * Each value's place among the distinct values, in order of first appearance. Ages in whole days
 * take a thousand-odd values over tens of thousands of customers, so ln(α+T) and ln(α+tx) are
 * taken once per distinct value and call, not once per customer: the same numbers, a quarter of
 * the likelihood's time saved (the 1M bench's 18,709 summaries, 42 calls: 97 -> 72 ms).
 */
function placesOfDistinct(values: Float64Array): { places: Int32Array; distinct: Float64Array } {
  const placeOf = new Map<number, number>();
  const places = new Int32Array(values.length);
  const distinct: number[] = [];
  values.forEach((value, index) => {
    let place = placeOf.get(value);
    if (place === undefined) {
      place = distinct.length;
      placeOf.set(value, place);
      distinct.push(value);
    }
    places[index] = place;
  });
  return { places, distinct: Float64Array.from(distinct) };
}

/** ln(α + t) for each of the distinct times. */
function logsOfAlphaPlus(alpha: number, times: Float64Array): Float64Array {
  const logs = new Float64Array(times.length);
  for (let place = 0; place < times.length; place++) logs[place] = Math.log(alpha + (times[place] as number));
  return logs;
}

/** logLikelihoodWithGradient over summaries already checked and laid out as columns. */
export function logLikelihoodWithGradientOfColumns(params: BgNbdParams, customers: SummaryColumns): LogLikelihoodWithGradient {
  assertBgNbdParams(params);
  const { r, alpha, a, b } = params;
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const lgR = gammaln(r);
  const lgB = gammaln(b);
  const lgAB = gammaln(a + b);
  const psiR = digamma(r);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);

  // ψ(r+x) − ψ(r), ψ(b+x) − ψ(b), ψ(a+b+x) − ψ(a+b) and the shared lnΓ terms, by x, each computed
  // on first need (x is a whole number; they are exactly 0 for x = 0).
  const size = customers.maxX + 1;
  const known = new Uint8Array(size);
  const psiRXOf = new Float64Array(size);
  const psiBXOf = new Float64Array(size);
  const psiABXOf = new Float64Array(size);
  const sharedOf = new Float64Array(size);
  const logBXOf = new Float64Array(size);
  known[0] = 1;
  const logAlphaTOf = logsOfAlphaPlus(alpha, customers.distinctT);
  const logAlphaTxOf = logsOfAlphaPlus(alpha, customers.distinctTx);

  const { x: xs, tx: txs, T: Ts, weight, tPlace, txPlace } = customers;
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  for (let index = 0; index < xs.length; index++) {
    const x = xs[index] as number;
    const tx = txs[index] as number;
    const T = Ts[index] as number;
    const w = weight[index] as number;
    const rx = r + x;
    const logAlphaT = logAlphaTOf[tPlace[index] as number] as number;
    const aliveTerm = -rx * logAlphaT;

    let logMix = aliveTerm;
    let dRmix = -logAlphaT;
    let dAlphaMix = -rx / (alpha + T);
    let dAmix = 0;
    let dBmix = 0;
    if (x > 0) {
      if (known[x] === 0) {
        known[x] = 1;
        psiRXOf[x] = digamma(rx) - psiR;
        psiBXOf[x] = digamma(b + x) - psiB;
        psiABXOf[x] = digamma(a + b + x) - psiAB;
        sharedOf[x] = gammaln(rx) - lgR + gammaln(b + x) - lgB - gammaln(a + b + x) + lgAB;
        logBXOf[x] = Math.log(b + x - 1);
      }
      const logAlphaTx = logAlphaTxOf[txPlace[index] as number] as number;
      const dropoutTerm = logA - (logBXOf[x] as number) - rx * logAlphaTx;
      const top = Math.max(aliveTerm, dropoutTerm);
      const eA = Math.exp(aliveTerm - top);
      const eD = Math.exp(dropoutTerm - top);
      const wA = eA / (eA + eD);
      const wD = eD / (eA + eD);
      logMix = top + Math.log(eA + eD);
      dRmix = -wA * logAlphaT - wD * logAlphaTx;
      dAlphaMix = -rx * (wA / (alpha + T) + wD / (alpha + tx));
      dAmix = wD / a;
      dBmix = -wD / (b + x - 1);
    }
    const psiRX = psiRXOf[x] as number;
    const psiBX = psiBXOf[x] as number;
    const psiABX = psiABXOf[x] as number;
    const shared = sharedOf[x] as number;

    ll += w * (shared + r * logAlpha + logMix);
    dr += w * (psiRX + logAlpha + dRmix);
    dAlpha += w * (r / alpha + dAlphaMix);
    da += w * (-psiABX + dAmix);
    db += w * (psiBX - psiABX + dBmix);
  }
  return { logLikelihood: ll, gradient: { r: dr, alpha: dAlpha, a: da, b: db } };
}
