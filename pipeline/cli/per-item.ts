/** @module per-item – one piece of work per item (an administration), with progress; a failure is named and the rest go on. */

export interface ItemResult<T> {
  item: T;
  ok: boolean;
  error?: string;
}

export async function forEachItem<T>(
  items: readonly T[],
  label: (item: T) => string,
  work: (item: T) => Promise<void>,
  onProgress: (done: number, total: number, label: string) => void = () => {},
): Promise<ItemResult<T>[]> {
  const results: ItemResult<T>[] = [];
  for (const [i, item] of items.entries()) {
    onProgress(i, items.length, label(item));
    try {
      await work(item);
      results.push({ item, ok: true });
    } catch (error) {
      results.push({ item, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  onProgress(items.length, items.length, '');
  return results;
}
