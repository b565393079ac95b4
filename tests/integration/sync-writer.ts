// A client that keeps editing and records which of its edits the server has reported stored
// (Kring's status messages), for the durability tests.
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SaveTracker } from '../../src/lib/sync/save-tracker.ts';
import { STATUS_MESSAGE, STATUS_PARAM, decodeStatus } from '../../src/lib/protocol/sync.ts';
import { markPerson, personName } from './sync-harness.ts';

export interface Writer {
	doc: Y.Doc;
	provider: WebsocketProvider;
	save: SaveTracker;
	/** Edits made so far: edit i adds the person people[editKey(doc, i)], named `${i}`. */
	readonly made: number;
	/** Edits 0 … stored-1 are reported stored by the server. */
	readonly stored: number;
	/** Makes one edit now. */
	edit(): void;
	/** Starts making an edit every `everyMs` (a steady load, not a wait). */
	start(everyMs: number): void;
	stop(): void;
	destroy(): void;
}

export function startWriter(wsBase: string, mapId: string, token: string): Writer {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsBase, mapId, doc, {
		params: { token, [STATUS_PARAM]: '1' },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 250
	});
	const save = new SaveTracker(doc, provider);
	/** The writer's own clock after each edit. */
	const clocks: number[] = [];
	let stored = 0;
	// Read every saved snapshot for the writer's own clock, then let the tracker have it.
	provider.messageHandlers[STATUS_MESSAGE] = (_encoder, decoder) => {
		const message = decodeStatus(decoder);
		if (message.kind === 'saved') {
			const clock = Y.decodeSnapshot(message.snapshot).sv.get(doc.clientID) ?? 0;
			while (stored < clocks.length && clocks[stored] <= clock) stored++;
		}
		save.handle(message);
	};
	let timer: NodeJS.Timeout | null = null;
	const edit = () => {
		const i = clocks.length;
		markPerson(doc, editKey(doc, i), `${i}`);
		clocks.push(Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0);
	};
	return {
		doc,
		provider,
		save,
		get made() {
			return clocks.length;
		},
		get stored() {
			return stored;
		},
		edit,
		start(everyMs) {
			timer ??= setInterval(edit, everyMs);
		},
		stop() {
			if (timer) clearInterval(timer);
			timer = null;
		},
		destroy() {
			this.stop();
			save.destroy();
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Edit i's key: the writer's own, so an edit lost by one writer is never masked by another's. */
function editKey(doc: Y.Doc, i: number): string {
	return `${doc.clientID}-${i}`;
}

/** Edits among 0 … count-1 of `writer` that `stored` lacks. */
export function missingEdits(stored: Y.Doc | undefined, writer: Pick<Writer, 'doc'>, count: number): number[] {
	const missing: number[] = [];
	for (let i = 0; i < count; i++) if (personName(stored, editKey(writer.doc, i)) !== `${i}`) missing.push(i);
	return missing;
}
