/** Danish phrasing shared by the CI job summaries. */

/** [2] → "2", [2, 5] → "2 og 5", [2, 5, 9] → "2, 5 og 9". */
export function enumeration(items: (string | number)[]): string {
  const all = items.map(String);
  return all.length < 2 ? all.join('') : `${all.slice(0, -1).join(', ')} og ${all.at(-1)}`;
}
