// Malformed API calls are refused whole. Every method of the contract is called over browser
// mode's HTTP transport with wrong arguments (wrong types, missing, extra, out of range, very
// long, prototype keys), and the transport itself gets broken bodies. Each must be answered
// 4xx with a message (never a 500, never a crash), and the workspace must be exactly as
// before: no label, history entry, run or job appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, parseApiArgs } from '../../electron/core/api/api-methods.js';
import { callApi, startServerFixture, type ServerFixture } from './server-fixture.js';

let f: ServerFixture;
beforeAll(async () => {
  f = await startServerFixture(12);
});
afterAll(async () => {
  await f?.close();
});

/** Values that are wrong for almost every parameter, and the argument lists built from them. */
const WRONG: unknown[] = [
  null,
  true,
  -1,
  1.5,
  2 ** 60,
  '',
  'x'.repeat(20_000),
  [],
  [null],
  {},
  { name: 42 },
  { label: '' },
  { names: [] },
  { method: 'nope' },
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { paths: ['/'], inputSize: 1e9 },
];

function argumentLists(arity: number): unknown[][] {
  const lists: unknown[][] = [Array(arity + 1).fill(1), Array(arity + 2).fill('x')];
  for (const value of WRONG) {
    lists.push([value]);
    if (arity > 1) lists.push(['first', value]);
  }
  return lists;
}

function snapshot(): string {
  const db = f.service.workspace.db;
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return JSON.stringify({
    labels: count('labels'),
    events: count('label_events'),
    runs: count('runs'),
    objects: count('objects'),
    jobs: f.service.jobRunner.list().length,
  });
}

describe('malformed API calls', () => {
  it('are refused with a message and change nothing, for every method', async () => {
    const before = snapshot();
    let refused = 0;
    for (const [method, spec] of Object.entries(API_METHODS)) {
      const arity = (spec.args.def as { items: unknown[] }).items.length;
      for (const args of argumentLists(arity)) {
        let valid = true;
        try {
          parseApiArgs(method, args);
        } catch {
          valid = false;
        }
        if (valid) continue; // a value that happens to be acceptable here (an optional count, say)
        const response = await callApi(f, method, args);
        const body = (await response.json()) as { error?: string };
        expect(response.status, `${method}(${JSON.stringify(args).slice(0, 80)})`).toBe(400);
        expect(body.error, method).toMatch(new RegExp(`invalid arguments for ${method}`));
        refused++;
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(snapshot()).toBe(before);
    console.log(
      `API input fuzz: ${refused} malformed calls over ${Object.keys(API_METHODS).length} ` +
        'methods, all refused with 400 and nothing changed',
    );
    expect(refused).toBeGreaterThan(10 * Object.keys(API_METHODS).length);
  });

  it('refuses broken request bodies at the transport', async () => {
    const before = snapshot();
    const post = (body: string, type = 'application/json') =>
      fetch(`${f.base}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': type, 'X-Serendip-Token': f.server.token },
        body,
      });
    for (const body of [
      '',
      '{',
      'null',
      '[]',
      '"label"',
      '{"method": 7}',
      '{"method": "label", "args": "not a list"}',
      '{"method": "status", "args": {"0": 1}}',
      '\u0000\u00ff',
    ]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(body)).toBeLessThan(500);
    }
    expect((await post('{"method":"status"}', 'text/plain')).status).toBe(415);
    expect(snapshot()).toBe(before);
  });

  it('applies a labelMany of a large selection whole, or refuses it whole', async () => {
    const names = f.service.workspace.db.prepare('SELECT name FROM objects').pluck().all() as string[];
    // ~2 MB of JSON: a box selection of 100k objects is this size.
    const padded = [...names, ...Array.from({ length: 100_000 }, (_, i) => `no-such-object-${i}`)];
    const before = snapshot();
    const refused = await callApi(f, 'labelMany', [{ names: padded, label: 'selection' }]);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { error: string }).error).toMatch(/no-such-object/);
    expect(snapshot()).toBe(before);
    const applied = await callApi(f, 'labelMany', [{ names, label: 'selection' }]);
    expect(applied.status).toBe(200);
    expect(f.service.workspace.db.prepare("SELECT count(*) FROM labels WHERE label = 'selection'").pluck().get()).toBe(
      names.length,
    );
  });
});
