import { CLIENT_HEADER } from '../../pipeline/contracts/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { QUERIES_DIR } from '../../pipeline/service/start.js';
import { presentValue } from '../../pipeline/model/finance.js';
import { loadConfig } from '../../pipeline/service/config.js';
import { FIXTURES, count, fingerprint } from '../helpers/store.js';
import { auth, startTestService, type TestService } from '../helpers/service.js';
import {
  baselineResponse,
  businessCaseResponse,
  followupResponse,
  healthResponse,
  keyFigureListResponse,
  loadDetailResponse,
  loadsResponse,
  productionLossResponse,
  queryAnswer,
  queryListResponse,
  riskMatrixResponse,
} from '../../pipeline/contracts/index.js';
import type { z } from 'zod';

let s: TestService;
beforeAll(async () => {
  s = await startTestService();
}, 120_000);
afterAll(() => s?.close());

// Answers are walked freely in assertions; a typed model of each answer would only restate the code under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

const json = async (path: string, headers: Record<string, string> = auth('reader')) => {
  const res = await fetch(`${s.base}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Body };
};

describe('GET /api/v1/business-case', () => {
  it('returns the contract fields, and NPV is the discounted yearly net computed from the store', async () => {
    const { status, body } = await json('/api/v1/business-case?program=FVIS&scenario=bas&rate=0.035');
    expect(status).toBe(200);
    for (const key of ['npv', 'bcr', 'payback', 'discountedPayback', 'irr', 'breakEvenAnnualBenefit', 'years', 'expected'])
      expect(body).toHaveProperty(key);
    for (const key of ['npv', 'bcr', 'payback', 'discountedPayback', 'irr', 'breakEvenAnnualBenefit'])
      expect(body.expected).toHaveProperty(key);
    const net = (
      await s.store.connection.runAndReadAll(
        "SELECT year, sum(CASE post WHEN 'benefit' THEN amount_sek ELSE -amount_sek END) AS net FROM business_case_line WHERE program = 'FVIS' AND scenario = 'bas' AND kind = 'plan' GROUP BY year ORDER BY year",
      )
    )
      .getRowObjectsJS()
      .map((r) => Number(r.net));
    expect(Math.abs(body.npv - presentValue(net, 0.035))).toBeLessThan(1);
    expect(body.years).toHaveLength(10);
    expect(body.expected.npv).toBeLessThan(body.npv); // probabilities below 1 lower the benefits
    expect(body.scenarios.map((x: { scenario: string }) => x.scenario)).toEqual(['bas', 'optimistisk', 'pessimistisk']);
  });

  it('defaults to 3 % and scenario bas; fromYear moves the break-even year', async () => {
    const a = await json('/api/v1/business-case?program=FVIS');
    expect(a.body.rate).toBe(0.03);
    expect(a.body.scenario).toBe('bas');
    const b = await json('/api/v1/business-case?program=FVIS&fromYear=2027');
    expect(b.body.fromYear).toBe(2027);
    expect(b.body.breakEvenAnnualBenefit).not.toBe(a.body.breakEvenAnnualBenefit);
  });

  it.each([
    ['rate=tre&program=FVIS', 'parametern "rate" ska vara ett tal, inte "tre"'],
    ['rate=3&program=FVIS', 'parametern "rate" anges som decimaltal, t.ex. 0.03 för 3 %'],
    [
      'program=FVIS&scenario=drömmen',
      'parametern "scenario": programmet "FVIS" har scenarierna bas, optimistisk, pessimistisk, inte "drömmen"',
    ],
    ['scenario=bas', 'parametern "program" saknas'],
  ])('?%s is a 400: %s', async (query, detail) => {
    const { status, body } = await json(`/api/v1/business-case?${query}`);
    expect(status).toBe(400);
    expect(body.detail).toBe(detail);
  });

  it('an unknown program is a 404', async () => {
    const { status, body } = await json('/api/v1/business-case?program=NOPE');
    expect(status).toBe(404);
    // A program the store does not have is named as such (issue #29); one it has without a business case says that.
    expect(body.detail).toBe('Programmet "NOPE" finns inte i lagret.');
    const without = await json('/api/v1/business-case?program=FVM');
    expect(without.status).toBe(404);
    expect(without.body.detail).toBe('Programmet "FVM" har ingen nyttokalkyl i lagret.');
  });
});

describe('GET /api/v1/risk-matrix', () => {
  it('cells for the seed register as first assessed match the counts taken independently from the file', async () => {
    const { body } = await json('/api/v1/risk-matrix?program=FVM&assessed=2021-06-29');
    expect(body.scale).toBe(3);
    const cell = (p: number, c: number) =>
      body.cells.find((x: { probability: number; consequence: number }) => x.probability === p && x.consequence === c);
    // Python's csv module over riskanalys-fvm-2021.csv (see test/model/followup-risk.test.ts).
    expect([3, 2, 1].map((p) => [1, 2, 3].map((c) => cell(p, c).count))).toEqual([
      [2, 3, 2],
      [1, 4, 8],
      [3, 3, 5],
    ]);
    expect(cell(3, 3)).toEqual({ probability: 3, consequence: 3, value: 9, count: 2, ids: ['R15', 'R22'], colour: 'red' });
    const total = body.cells.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(total).toBe(body.register.length);
  });

  it('by default the latest assessment, with what changed since the one before', async () => {
    const { body } = await json('/api/v1/risk-matrix?program=FVM');
    expect(body.assessed).toBe('2022-06-28');
    expect(body.previousAssessment).toBe('2021-06-29');
    const change = (id: string) => body.changes.find((c: { id: string }) => c.id === id)?.change;
    expect(change('R03')).toBe('removed');
    expect(change('R32')).toBe('new');
    const raw = readFileSync(join(FIXTURES, 'seed', 'riskanalys-fvm-2021.csv'), 'utf8');
    expect(raw).toContain('R04;'); // R04 is the 4th risk: the demo lowers every fourth a step (2 → 1)
    expect(change('R04')).toBe('lowered');
  });

  it('scale must be 3, 4 or 5', async () => {
    const { status, body } = await json('/api/v1/risk-matrix?scale=6');
    expect(status).toBe(400);
    expect(body.detail).toBe('parametern "scale" ska vara 3, 4 eller 5');
  });
});

describe('GET /api/v1/followup and /api/v1/baseline', () => {
  it('follow-up rows per indicator and year, statuses from the model, rolled up to benefits and effect goals', async () => {
    const { status, body } = await json('/api/v1/followup?program=FVIS&unit=SKAS');
    expect(status).toBe(200);
    // unit=SKAS: the administration and everything below it, each its own entry; SKAS itself has all 16 indicators.
    expect(body.indicators.filter((i: { unit: string }) => i.unit === 'SKAS').length).toBe(16);
    expect(body.indicators.length).toBeGreaterThan(16);
    const ind = body.indicators.find((i: { indicator: string; unit: string }) => i.indicator === 'IND01' && i.unit === 'SKAS');
    expect(ind.years.map((y: { calendarYear: number }) => y.calendarYear)).toEqual([2025, 2026, 2027, 2028, 2029]);
    for (const y of ind.years) expect(['reached', 'on_track', 'at_risk', 'not_measured']).toContain(y.status);
    expect(body.benefits.some((b: { id: string }) => b.id === '1.1')).toBe(true);
    expect(body.effectGoals.some((g: { id: string }) => g.id === 'E1')).toBe(true);
  });

  it('baseline with an SPC chart whose centre line is the pooled pre-go-live proportion', async () => {
    const { status, body } = await json('/api/v1/baseline?indicator=IND01&unit=SKAS');
    expect(status).toBe(200);
    expect(body.chart).toBe('p');
    expect(body.baseline.go_live).toBe('2024-11-09');
    const pre = body.spc.rows.filter((r: { phase: number }) => r.phase === 1);
    expect(pre.length).toBe(body.goLiveIndex);
    expect(body.its.levelChange).toHaveProperty('se');
  });

  it('a unit without go-live, of its own, an ancestor’s or the program’s, asks for one', async () => {
    // VGR is the top of the demo's tree, and FVIS (whose benefits IND01 measures) has no go-live in the demo.
    const { status, body } = await json('/api/v1/baseline?indicator=IND01&unit=VGR');
    expect(status).toBe(400);
    expect(body.detail).toBe(
      'enheten "VGR" har ingen driftstart, och ingen överordnad enhet eller program som indikatorn mäter har någon: ange parametern "goLive"',
    );
  });
});

describe('POST /api/v1/ingest', () => {
  const upload = (name: string, text: string, role: 'controller' | 'reader' = 'controller', fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('file', new Blob([text]), name);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return fetch(`${s.base}/api/v1/ingest`, { method: 'POST', headers: auth(role), body: form });
  };

  it('loads a file with the same checks as the CLI, and a second identical upload is a no-op', async () => {
    const text = 'indikator;enhet;år;målvärde\nIND01;SKAS;2032;0,7\n';
    const res = await upload('mal-2032.csv', text);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; rowsAccepted: number };
    expect(body).toMatchObject({ status: 'loaded', rowsAccepted: 1 });
    expect(await count(s.store.connection, 'SELECT count(*) FROM target WHERE year = 2032')).toBe(1);
    const again = (await (await upload('mal-2032.csv', text)).json()) as { status: string };
    expect(again.status).toBe('unchanged');
  });

  it('a file with errors is a 422 with the Swedish messages, and the store is unchanged', async () => {
    const before = await fingerprint(s.store.connection);
    const res = await upload('fel.csv', 'indikator;enhet;år;målvärde\nIND99;SKAS;2033;x\n');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { detail: string; messages: string[] };
    expect(body.detail).toBe('fel.csv avvisades i sin helhet (2 fel); lagret är oförändrat.');
    expect(body.messages).toEqual([
      'fel.csv, rad 2, kolumn indikator: "IND99" okänd indikator',
      'fel.csv, rad 2, kolumn malvarde: "x" är inte ett tal',
    ]);
    expect(await fingerprint(s.store.connection)).toEqual(before);
  });

  it('a path in the file name is stripped', async () => {
    const res = await upload('../../etc/evil.csv', 'indikator;enhet;år;målvärde\nIND01;SKAS;2034;0,7\n');
    expect(((await res.json()) as { file: string }).file).toBe('evil.csv');
  });

  it('without a file: 400; not multipart: 400', async () => {
    const form = new FormData();
    form.set('kind', 'utfall');
    const noFile = await fetch(`${s.base}/api/v1/ingest`, { method: 'POST', headers: auth('controller'), body: form });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { detail: string }).detail).toBe('fältet "file" saknas: skicka exportfilen som multipart/form-data');
  });
});

describe('limits', () => {
  it('a body over the limit is a 413 problem', async () => {
    const small = await startTestService({ rows: 100, env: { NYTTA_CONFIG: writeConfig({ bodyLimitMiB: 1 }) } });
    try {
      const form = new FormData();
      form.set('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 65)]), 'big.csv');
      // Local mode: a write carries the client header (the service refuses one without it).
      const res = await fetch(`${small.base}/api/v1/ingest`, { method: 'POST', body: form, headers: { [CLIENT_HEADER]: 'test' } });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { detail: string }).detail).toBe('Filen är större än tjänstens gräns på 1 MiB.');
    } finally {
      await small.close();
    }
  });

  it('a query over the time limit is a 504; the row limit truncates and says so', async () => {
    // A copy of queries/ plus one slow file: a new .sql file is a new endpoint, no code involved.
    const dir = join(s.store.dir, 'queries-with-slow');
    cpSync(QUERIES_DIR, dir, { recursive: true });
    writeFileSync(
      join(dir, 'slow.sql'),
      '-- name: slow\n-- description: räknar länge\n-- column: total BIGINT\nSELECT count(*) AS total FROM range(50000000000) t(i) WHERE i % 7 = 3\n',
    );
    const tight = await startTestService({
      rows: 100,
      queriesDir: dir,
      env: { NYTTA_CONFIG: writeConfig({ timeoutMs: 300, rowLimit: 3 }) },
    });
    try {
      const started = Date.now();
      const res = await fetch(`${tight.base}/api/v1/queries/slow`);
      expect(res.status).toBe(504);
      // The query's own limit or the request's, whichever stops it first: both are 300 ms here.
      expect(((await res.json()) as { detail: string }).detail).toMatch(/^Frågan (slow )?avbröts efter 300 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
      const few = (await (await fetch(`${tight.base}/api/v1/queries/catalogue_org_units`)).json()) as {
        rows: unknown[];
        truncated: boolean;
      };
      expect(few.rows).toHaveLength(3);
      expect(few.truncated).toBe(true);
    } finally {
      await tight.close();
    }
  });
});

describe('OpenAPI, /docs and configuration', () => {
  it('the OpenAPI document lists every query and purpose-built endpoint with their parameters', async () => {
    const { body } = await json('/api/v1/openapi.json', {});
    expect(body.openapi).toBe('3.1.0');
    for (const name of s.deps.queries.keys()) expect(body.paths).toHaveProperty(`/api/v1/queries/${name}`);
    const bc = body.paths['/api/v1/business-case'].get;
    expect(bc.parameters.map((p: { name: string }) => p.name)).toEqual([
      'program',
      'scenario',
      'rate',
      'fromYear',
      'kind',
      'change',
      'optimismBias',
      'delayMonths',
      'includeProductionLoss',
      'volumeIndicator',
      'costPerContact',
      'peak',
      'weeksBefore',
      'weeksAfter',
      'operatingCostFigure',
      'asOf',
    ]);
    for (const path of [
      '/api/v1/production-loss',
      '/api/v1/key-figures',
      '/api/v1/loads',
      '/api/v1/loads/{id}',
      '/api/v1/loads/{id}/undo',
      '/api/v1/me',
      '/api/v1/portfolio',
    ])
      expect(body.paths).toHaveProperty(path);
    const grain = body.paths['/api/v1/queries/indicator_series'].get.parameters.find((p: { name: string }) => p.name === 'grain');
    expect(grain.schema).toEqual({ type: 'string', enum: ['month', 'quarter', 'year'], default: 'month' });
  });

  it('/docs is a page of its own, with no outside scripts', async () => {
    const res = await fetch(`${s.base}/docs`);
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('refuses to listen beyond loopback without tokens; local mode only on loopback', () => {
    expect(() => loadConfig({ host: '0.0.0.0', port: 3000, env: {} })).toThrow('Tjänsten startar inte på 0.0.0.0 utan tokens');
    expect(loadConfig({ host: '127.0.0.1', port: 3000, env: {} }).localMode).toBe(true);
    expect(loadConfig({ host: '0.0.0.0', port: 3000, env: { NYTTA_TOKENS: 'a-long-enough-token-here:reader' } }).localMode).toBe(false);
    expect(() => loadConfig({ host: '127.0.0.1', port: 3000, env: { NYTTA_TOKENS: 'short:reader' } })).toThrow('minst 16 tecken');
  });
});

function writeConfig(config: Record<string, unknown>): string {
  const path = join(s.store.dir, `config-${Object.keys(config).join('-')}.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('every answer meets its contract (pipeline/contracts), with nothing the contract does not name', () => {
  // A parse strips keys the contract lacks, so parsed = body says the contract names every field the service sends.
  const meets = (contract: z.ZodType, body: Body) => expect(contract.parse(body)).toEqual(body);

  it.each([
    ['/api/v1/business-case?program=FVIS', businessCaseResponse],
    ['/api/v1/business-case?program=FVIS&scenario=bas&kind=outcome', businessCaseResponse],
    ['/api/v1/followup?program=FVIS', followupResponse],
    ['/api/v1/followup?program=FVIS&unit=SKAS', followupResponse],
    ['/api/v1/risk-matrix?program=FVM', riskMatrixResponse],
    ['/api/v1/risk-matrix', riskMatrixResponse],
    ['/api/v1/baseline?indicator=IND03&unit=SU', baselineResponse],
    ['/api/v1/production-loss?volumeIndicator=IND05', productionLossResponse],
    ['/api/v1/key-figures', keyFigureListResponse],
    ['/api/v1/loads', loadsResponse],
    ['/api/v1/loads/1', loadDetailResponse],
    ['/api/v1/business-case?program=FVIS&volumeIndicator=IND05&includeProductionLoss=true&delayMonths=6', businessCaseResponse],
    ['/api/v1/health', healthResponse],
    ['/api/v1/queries', queryListResponse],
  ] as const)('%s', async (path, contract) => {
    const { status, body } = await json(path);
    expect(status).toBe(200);
    meets(contract, body);
  });

  it('every named query answers in the queryAnswer contract', async () => {
    const { body } = await json('/api/v1/queries');
    const required: Record<string, string> = { indicator: 'IND01', program: 'FVIS', unit: 'SKAS', load_id: '1', of: 'series' };
    for (const q of body.queries as { name: string; parameters: { name: string; required: boolean }[] }[]) {
      const params = new URLSearchParams(q.parameters.filter((p) => p.required).map((p) => [p.name, required[p.name] ?? 'IND01']));
      const answer = await json(`/api/v1/queries/${q.name}?${params}`, auth('admin'));
      expect(answer.status, q.name).toBe(200);
      meets(queryAnswer, answer.body);
    }
  });
});

describe('GET /api/v1/production-loss', () => {
  // By hand, the curve's shares over its 28 weeks: 0, 0.1 … 0.9 of the peak before (4.5), the peak over 4 weeks (4),
  // then 14/14 … 1/14 of it after (105/14 = 7.5): 16 × peak per unit, times its weekly volume and the cost per contact.
  it('the loss is 16 × peak × Σ weekly volume × cost per contact, and twice as much at twice the peak', async () => {
    const volumes = (
      await s.store.connection.runAndReadAll(
        `SELECT sum(coalesce(v, 0)) / 52.18 FROM (
           SELECT (SELECT sum(o.n) FROM observation o WHERE o.unit = u.id AND o.indicator = 'IND05'
                   AND o.period_start >= u.go_live - INTERVAL 12 MONTH AND o.period_start < u.go_live) AS v
           FROM org_unit u WHERE u.level = 'enhet' AND u.go_live IS NOT NULL)`,
      )
    ).getRows()[0][0];
    const weekly = Number(volumes);
    expect(weekly).toBeGreaterThan(0);
    const quarter = await json('/api/v1/production-loss?volumeIndicator=IND05&costPerContact=1500');
    expect(quarter.status).toBe(200);
    expect(quarter.body.lostSek).toBeCloseTo(16 * 0.25 * weekly * 1500, 3);
    const half = await json('/api/v1/production-loss?volumeIndicator=IND05&costPerContact=1500&peak=0,5');
    expect(half.body.lostSek).toBeCloseTo(2 * quarter.body.lostSek, 3);
    const byAdministration = (quarter.body.byAdministration as { lostSek: number }[]).reduce((sum, a) => sum + a.lostSek, 0);
    expect(byAdministration).toBeCloseTo(quarter.body.lostSek, 3);
  });

  it.each([
    ['', 'parametern "volumeIndicator" saknas'],
    ['volumeIndicator=IND05&peak=25', 'parametern "peak" anges som andel, t.ex. 0.25 för 25 %'],
    ['volumeIndicator=IND05&costPerContact=mycket', 'parametern "costPerContact" ska vara ett tal, inte "mycket"'],
  ])('?%s is a 400: %s', async (query, detail) => {
    const { status, body } = await json(`/api/v1/production-loss?${query}`);
    expect(status).toBe(400);
    expect(body.detail).toContain(detail);
  });
});
