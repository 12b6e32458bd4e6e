export async function runDemo(_o: unknown): Promise<number> { return 0; }
