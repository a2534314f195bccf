/**
 * The fixed ports the suite and the bench listen on (scripts/test-ports.ts, scripts/bench/bench-ports.ts)
 * stay out of the kernel's ephemeral range, where any outgoing connection may hold them the
 * moment a test starts, and out of rtpengine's RTP range; no two runs share one, nor with
 * the local console's defaults.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as testPorts from './test-ports.ts';
import * as benchPorts from './bench/bench-ports.ts';

/** Linux's default net.ipv4.ip_local_port_range; this machine's is read when it can be. */
function ephemeralRange(): readonly [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low !== undefined && high !== undefined && Number.isInteger(low) && Number.isInteger(high)) return [low, high];
  } catch {
    // not Linux: the default below
  }
  return [32768, 60999];
}

const RTPENGINE_RTP: readonly [number, number] = [23000, 23999];
const CONSOLE_DEFAULTS = [8000, 8080, 5060];

/** Every port named in the two modules: plain numbers and the fields of each ConsoleTestPorts. */
function fixedPorts(): Array<{ readonly name: string; readonly port: number }> {
  const found: Array<{ name: string; port: number }> = [];
  for (const [name, value] of Object.entries({ ...testPorts, ...benchPorts })) {
    if (typeof value === 'number' && /PORT/.test(name)) found.push({ name, port: value });
    else if (typeof value === 'object' && value !== null) {
      for (const [field, port] of Object.entries(value)) if (typeof port === 'number') found.push({ name: `${name}.${field}`, port });
    }
  }
  return found;
}

describe('the fixed ports of the test runs and the bench', () => {
  const ports = fixedPorts();

  it('are found (the rules below hold for something)', () => {
    assert.ok(ports.length >= 15, `found ${ports.length}`);
  });

  it("stay below the kernel's ephemeral range and out of rtpengine's RTP range", () => {
    const [low, high] = ephemeralRange();
    const inRange = (port: number, [from, to]: readonly [number, number]) => port >= from && port <= to;
    assert.deepEqual(ports.filter(({ port }) => inRange(port, [low, high])).map(({ name, port }) => `${name} ${port}`), []);
    assert.deepEqual(ports.filter(({ port }) => inRange(port, RTPENGINE_RTP)).map(({ name, port }) => `${name} ${port}`), []);
  });

  it('are each used once, and never the local console defaults', () => {
    const seen = new Map<number, string>();
    for (const { name, port } of ports) {
      assert.ok(!CONSOLE_DEFAULTS.includes(port), `${name} is the local console's ${port}`);
      assert.equal(seen.get(port), undefined, `${name} and ${seen.get(port)} share ${port}`);
      seen.set(port, name);
    }
  });
});
