// A client's presence as the sync server takes it: stamped with who the connection is, held to
// its limits, and refused whole when any part does not decode. Over real sockets:
// tests/integration/sync-presence.test.ts.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { presenceRefusal, stampAwarenessUpdate } from './presence.ts';
import { MalformedMessage } from './protocol.ts';

/** An awareness update as y-protocols writes it: a count, then client id, clock and JSON each. */
function update(entries: { clientId: number; clock?: number; json: string }[], trailing = false): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const { clientId, clock = 1, json } of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, json);
	}
	if (trailing) encoding.writeVarUint(encoder, 7);
	return encoding.toUint8Array(encoder);
}

function read(bytes: Uint8Array): { clientId: number; clock: number; state: unknown }[] {
	const decoder = decoding.createDecoder(bytes);
	return Array.from({ length: decoding.readVarUint(decoder) }, () => ({
		clientId: decoding.readVarUint(decoder),
		clock: decoding.readVarUint(decoder),
		state: JSON.parse(decoding.readVarString(decoder))
	}));
}

const who = { name: 'Meneer Visser', role: 'professional' };
const takeAll = () => null;
const limits = { maxPresenceBytes: 200, maxPresenceClients: 2 };

describe('stampAwarenessUpdate', () => {
	it('writes the connection’s own name and role over what the client claims, and keeps the rest', () => {
		const claimed = JSON.stringify({ user: { name: 'Oma', role: 'youth', colour: '#123' }, cursor: { x: 3 } });
		const stamped = stampAwarenessUpdate(update([{ clientId: 11, clock: 4, json: claimed }]), who, takeAll)!;
		expect(read(stamped)).toEqual([
			{ clientId: 11, clock: 4, state: { user: { name: 'Meneer Visser', role: 'professional', colour: '#123' }, cursor: { x: 3 } } }
		]);
	});

	it('leaves a state without a user object as it is, and a removal (null) as a removal', () => {
		const stamped = stampAwarenessUpdate(
			update([
				{ clientId: 1, json: '{"cursor":null}' },
				{ clientId: 2, json: 'null' },
				{ clientId: 3, json: '{"user":"Oma"}' }
			]),
			who,
			takeAll
		)!;
		expect(read(stamped).map((e) => e.state)).toEqual([{ cursor: null }, null, { user: 'Oma' }]);
	});

	it('drops the entries refused and tells why; nothing at all when every entry is refused', () => {
		const dropped: string[] = [];
		const refuse = (clientId: number) => (clientId === 2 ? 'not yours' : null);
		const stamped = stampAwarenessUpdate(
			update([
				{ clientId: 1, json: '{}' },
				{ clientId: 2, json: '{}' }
			]),
			who,
			refuse,
			(why) => dropped.push(why)
		)!;
		expect(read(stamped).map((e) => e.clientId)).toEqual([1]);
		expect(dropped).toEqual(['not yours']);
		expect(stampAwarenessUpdate(update([{ clientId: 2, json: '{}' }]), who, refuse)).toBeNull();
	});

	it('refuses the whole update when any part does not decode: bad JSON, trailing bytes, cut short', () => {
		const asked: number[] = [];
		const refusal = (clientId: number) => (asked.push(clientId), null);
		const badJson = update([
			{ clientId: 1, json: '{}' },
			{ clientId: 2, json: '{"user":' }
		]);
		expect(() => stampAwarenessUpdate(badJson, who, refusal)).toThrow(SyntaxError);
		expect(() => stampAwarenessUpdate(update([{ clientId: 1, json: '{}' }], true), who, refusal)).toThrow(MalformedMessage);
		const whole = update([{ clientId: 1, json: '{"a":1}' }]);
		expect(() => stampAwarenessUpdate(whole.subarray(0, whole.length - 2), who, refusal)).toThrow();
		// Nothing was judged (and so nothing claimed) before the whole update had decoded.
		expect(asked).toEqual([]);
	});
});

describe('presenceRefusal', () => {
	it('a connection claims up to its limit of client ids; its own ids and removals always pass', () => {
		const mine = { ids: new Set<number>(), userId: 'u1' };
		expect(presenceRefusal(1, '{}', mine, null, limits)).toBeNull();
		expect(presenceRefusal(2, '{}', mine, null, limits)).toBeNull();
		expect(presenceRefusal(3, '{}', mine, null, limits)).toBe('too many presence client ids');
		expect(presenceRefusal(1, '{"x":1}', mine, null, limits)).toBeNull();
		expect(presenceRefusal(3, 'null', mine, null, limits)).toBeNull();
		expect([...mine.ids]).toEqual([1, 2]);
	});

	it('an id another account announced is refused; the same account on a new socket takes it over', () => {
		const mine = { ids: new Set<number>(), userId: 'u1' };
		expect(presenceRefusal(5, '{}', mine, 'u2', limits)).toBe('presence of another connection');
		expect(presenceRefusal(5, 'null', mine, 'u2', limits)).toBe('presence of another connection');
		expect(mine.ids.size).toBe(0);
		expect(presenceRefusal(5, '{}', mine, 'u1', limits)).toBeNull();
		expect([...mine.ids]).toEqual([5]);
	});

	it('an entry larger than the limit is refused, counted in bytes (not characters)', () => {
		const mine = { ids: new Set<number>(), userId: 'u1' };
		const fits = JSON.stringify({ n: 'a'.repeat(180) });
		const tooManyBytes = JSON.stringify({ n: 'ë'.repeat(100) }); // 108 characters, 208 bytes
		expect(presenceRefusal(1, fits, mine, null, limits)).toBeNull();
		expect(presenceRefusal(1, tooManyBytes, mine, null, limits)).toBe('presence entry too large');
	});
});
