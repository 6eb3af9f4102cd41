/** Documented in the README; scripts depend on them. */
export const EXIT_OK = 0;
/** Only when a gate the user asked for is hit. */
export const EXIT_GATE = 1;
/** A usage or input error. */
export const EXIT_USAGE = 2;
