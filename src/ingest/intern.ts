/** The number of `text` in a string table (list + index), adding it at the end when new. */
export function intern(text: string, list: string[], index: Map<string, number>): number {
  let number = index.get(text);
  if (number === undefined) {
    number = list.length;
    list.push(text);
    index.set(text, number);
  }
  return number;
}
