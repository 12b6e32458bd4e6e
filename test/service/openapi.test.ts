/**
 * Every route is declared once, and the app and the OpenAPI document are made from the same declarations: the routes
 * the app mounts under /api/v1 are exactly the document's operations, each with an operationId of its own and the 4xx
 * answers it can give.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedCallersService } from '../helpers/service.js';

let service: Awaited<ReturnType<typeof namedCallersService>>;
beforeAll(async () => {
  service = await namedCallersService();
});
afterAll(() => service?.store.close());

type Operation = { operationId?: string; responses: Record<string, unknown> };

async function documentOperations(): Promise<Map<string, Operation>> {
  const res = await service.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> };
  return new Map(
    Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
    ),
  );
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the app mounts under /api/v1, the workbooks too', async () => {
    const mounted = new Set(
      service.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = await documentOperations();
    expect([...mounted].sort()).toEqual([...documented.keys()].sort());
    expect(mounted).toContain('GET /api/v1/workbooks/{kind}');
    expect(mounted).toContain('GET /api/v1/queries/indicator_series');
    expect(mounted.size).toBeGreaterThan(45);
  });

  it('gives every operation an operationId of its own and the 4xx answers it can give', async () => {
    const operations = await documentOperations();
    const ids = [...operations.values()].map((op) => op.operationId);
    expect(
      ids.every((id) => typeof id === 'string' && /^[A-Za-z][\w]*$/.test(id)),
      JSON.stringify(ids),
    ).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [what, op] of operations) {
      const statuses = Object.keys(op.responses);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        what,
      ).toBe(true);
      expect(
        statuses.some((s) => /^4\d\d$/.test(s)),
        what,
      ).toBe(true);
    }
    // Sign-in's answers on every route behind it, and what a route itself can refuse.
    expect(Object.keys(operations.get('GET /api/v1/followup')!.responses)).toEqual(['200', '400', '401', '403', '404', '406']);
    expect(Object.keys(operations.get('POST /api/v1/loads/{id}/undo')!.responses)).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(Object.keys(operations.get('GET /api/v1/health')!.responses)).toEqual(['200', '400']);
    expect(operations.get('GET /api/v1/workbooks/{kind}')!.operationId).toBe('getWorkbook');
  });
});
