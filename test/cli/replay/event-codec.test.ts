/**
 * The worker-boundary codec: events from the project's example scenario, encoded batch by batch by one
 * encoder and decoded by one decoder, come back equal to what the normaliser made — across dictionary
 * resets, with details only where asked for, and with the receiver's own action mapping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { loadActionCatalog } from '../../../src/core/catalog/iam-catalog';
import type { LeashEvent, MappedAction } from '../../../src/core/model';
import { EventNormalizer, NO_DETAILS } from '../../../src/core/normalize/normalize-record';
import {
  EventDecoder,
  EventEncoder,
  transferList,
  type EncodedEvents,
  type IndexedEvent,
} from '../../../src/cli/replay/event-codec';

const SCENARIO = join(__dirname, '..', '..', '..', 'examples', 'scenario');

async function scenarioEvents(
  keepDetails?: (action: MappedAction) => boolean,
): Promise<{ events: LeashEvent[]; normalizer: EventNormalizer }> {
  const normalizer = new EventNormalizer(await loadActionCatalog(), keepDetails);
  const events: LeashEvent[] = [];
  for (const file of readdirSync(SCENARIO).sort()) {
    const doc = JSON.parse(readFileSync(join(SCENARIO, file), 'utf8')) as { Records: unknown[] };
    for (const record of doc.Records) {
      const result = normalizer.normalize(record);
      if (result.ok) events.push(result.event);
    }
  }
  return { events, normalizer };
}

function batchesOf(events: readonly LeashEvent[], size: number): IndexedEvent[][] {
  const batches: IndexedEvent[][] = [];
  for (let i = 0; i < events.length; i += size) {
    batches.push(events.slice(i, i + size).map((event, k) => ({ event, index: i + k })));
  }
  return batches;
}

describe('EventEncoder / EventDecoder', () => {
  it('round-trips every scenario event, batch by batch, with its position', async () => {
    const { events, normalizer } = await scenarioEvents();
    expect(events.length).toBeGreaterThan(50);
    const encoder = new EventEncoder();
    const decoder = new EventDecoder((source, name) => normalizer.actions.map(source, name));
    const decoded: IndexedEvent[] = [];
    for (const batch of batchesOf(events, 7)) decoded.push(...decoder.decode(encoder.encode(batch)));
    expect(decoded.map((d) => d.index)).toEqual(events.map((_, i) => i));
    expect(decoded.map((d) => d.event)).toEqual(events);
  });

  it("builds every event with the normaliser's fields in the normaliser's order (one object shape)", async () => {
    // Detectors read these objects on every event: events with differing field sets would make each read
    // polymorphic. Optional fields are present and undefined, exactly as the normaliser leaves them.
    const { events, normalizer } = await scenarioEvents();
    const decoder = new EventDecoder((source, name) => normalizer.actions.map(source, name));
    const decoded = decoder.decode(new EventEncoder().encode(batchesOf(events, events.length)[0]));
    const withoutError = decoded.find((d) => d.event.errorCode === undefined)!;
    const withError = decoded.find((d) => d.event.errorCode !== undefined)!;
    expect(withError).toBeDefined();
    for (const { event, index } of [withoutError, withError]) {
      expect(Object.keys(event)).toEqual(Object.keys(events[index]));
      expect(Object.keys(event.identity)).toEqual(Object.keys(events[index].identity));
    }
  });

  it('sends each string once and shares identities and strings on the receiving side', async () => {
    const { events, normalizer } = await scenarioEvents();
    const encoder = new EventEncoder();
    const decoder = new EventDecoder((source, name) => normalizer.actions.map(source, name));
    const [first, second] = batchesOf(events, Math.ceil(events.length / 2));
    const a = encoder.encode(first);
    const b = encoder.encode(second);
    const sent = [...a.newStrings, ...b.newStrings];
    expect(new Set(sent).size).toBe(sent.length);
    const decoded = [...decoder.decode(a), ...decoder.decode(b)].map((d) => d.event);
    // Two events of one session carry the very same identity object.
    const byCaller = new Map<string, LeashEvent>();
    let shared = 0;
    for (const e of decoded) {
      const key = `${e.identity.callerArn}|${e.identity.accessKeyId}`;
      const earlier = byCaller.get(key);
      if (earlier) {
        expect(earlier.identity).toBe(e.identity);
        shared++;
      } else byCaller.set(key, e);
    }
    expect(shared).toBeGreaterThan(10);
  });

  it('starts both dictionaries over past the limit and still decodes every event', async () => {
    const { events, normalizer } = await scenarioEvents();
    const encoder = new EventEncoder(16);
    const decoder = new EventDecoder((source, name) => normalizer.actions.map(source, name));
    const encoded = batchesOf(events, 5).map((batch) => encoder.encode(batch));
    expect(encoded.filter((b) => b.reset).length).toBeGreaterThan(1);
    expect(encoded.flatMap((b) => decoder.decode(b).map((d) => d.event))).toEqual(events);
  });

  it('sends request and response details only with the events the normaliser kept them for', async () => {
    const needs = (action: MappedAction): boolean => action.service === 'iam';
    const { events, normalizer } = await scenarioEvents(needs);
    const all = (await scenarioEvents()).events;
    const encoder = new EventEncoder();
    const decoder = new EventDecoder((source, name) => normalizer.actions.map(source, name));
    const decoded = batchesOf(events, 10).flatMap((b) => decoder.decode(encoder.encode(b)));
    expect(decoded.map((d) => d.event)).toEqual(events);
    decoded.forEach(({ event }, i) => {
      if (needs(event.action)) expect(event.requestParameters).toEqual(all[i].requestParameters);
      else expect([event.requestParameters, event.responseElements]).toEqual([NO_DETAILS, NO_DETAILS]);
    });
    // Not a vacuous check: some calls left without details had some.
    expect(all.some((e) => !needs(e.action) && Object.keys(e.requestParameters).length > 0)).toBe(true);
    expect(events.some((e) => needs(e.action))).toBe(true);
  });

  it('maps actions on the receiving side and counts unknown ones there', async () => {
    const { events } = await scenarioEvents();
    const receiving = new EventNormalizer(await loadActionCatalog());
    const unknown = { ...events[0], eventSource: 'madeup.amazonaws.com', eventName: 'DoThing' };
    const encoder = new EventEncoder();
    const decoder = new EventDecoder((source, name) => receiving.actions.map(source, name));
    const batch = [unknown, unknown, events[0]].map((event, index) => ({ event, index }));
    const decoded = decoder.decode(encoder.encode(batch));
    expect(decoded[0].event.action).toMatchObject({ action: 'madeup:DoThing', known: false });
    expect(decoded[2].event.action).toBe(receiving.actions.map(events[0].eventSource, events[0].eventName));
    expect(receiving.actions.unknownEvents).toBe(2);
  });

  it('crosses a real message port with its buffers transferred, not copied', async () => {
    const { events, normalizer } = await scenarioEvents();
    const encoded = new EventEncoder().encode(batchesOf(events, 12)[0]);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<EncodedEvents>((resolve) =>
      port2.once('message', (message: EncodedEvents) => resolve(message)),
    );
    port1.postMessage(encoded, transferList(encoded));
    const arrived = await received;
    port1.close();
    // Transferred: the sender's views are detached.
    expect(encoded.fields.byteLength).toBe(0);
    expect(encoded.times.byteLength).toBe(0);
    const decoder = new EventDecoder((source, name) => normalizer.actions.map(source, name));
    expect(decoder.decode(arrived).map((d) => d.event)).toEqual(events.slice(0, 12));
  });
});
