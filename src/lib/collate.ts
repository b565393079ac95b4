// Names in Dutch alphabetical order. One collator for the whole app: `a.localeCompare(b, 'nl')`
// builds a new collator on every call, which made a reviewer's list of 125 maps take 500 ms.
const collator = new Intl.Collator('nl', { sensitivity: 'base' });

/** Compares two names as a Dutch reader sorts them (case and accents aside). */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);
