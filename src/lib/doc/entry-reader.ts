import type * as Y from 'yjs';
import type { Person, Tie } from './records.ts';
import { readPerson, sortPeople } from './people.ts';
import { peopleOf, tiesOf } from './roots.ts';
import { readTie, tiesOnMap } from './ties.ts';

/**
 * Reads the entries of one root map of a document (its people, its ties) as records, and after a
 * change re-reads only the entries that change touched: a change to a map of 200 people reads one
 * person, not 200. What changed is taken from each transaction before any observer hears of it,
 * so a read made by an observer, or after, is never stale; a read inside a transaction reads
 * everything afresh. Records are shared between reads: read them, never change them.
 */
export interface EntryReader<T> {
	/** Every well-formed entry's record (in the map's order; the caller sorts). */
	read(): T[];
	stop(): void;
}

export function entryReader<T, E>(doc: Y.Doc, root: Y.Map<E>, readOne: (id: string, entry: unknown) => T | null): EntryReader<T> {
	/** By key: the record, or null for an entry that is not a well-formed one. */
	const known = new Map<string, T | null>();
	let list: T[] | null = null;
	/** Stopped: changes are no longer heard, so nothing is kept. */
	let stopped = false;
	const forget = (transaction: Y.Transaction) => {
		for (const [type, keys] of transaction.changed) {
			if ((type as unknown) === root) {
				for (const key of keys) if (key !== null) known.delete(key);
				list = null;
			} else if (type._item?.parent === root && type._item.parentSub !== null) {
				known.delete(type._item.parentSub);
				list = null;
			}
		}
	};
	doc.on('beforeObserverCalls', forget);
	/** Every record, from `known` where it holds one (not mid-transaction: what changed is not known yet). */
	const collect = (fresh: boolean): T[] => {
		const out: T[] = [];
		root.forEach((entry, key) => {
			let record = fresh ? undefined : known.get(key);
			if (record === undefined) {
				record = readOne(key, entry);
				if (!fresh) known.set(key, record);
			}
			if (record !== null) out.push(record);
		});
		return out;
	};
	return {
		read() {
			if (stopped || (doc as Y.Doc & { _transaction: unknown })._transaction) return collect(true);
			list ??= collect(false);
			return [...list];
		},
		stop() {
			stopped = true;
			doc.off('beforeObserverCalls', forget);
			known.clear();
			list = null;
		}
	};
}

/**
 * A map's people (in readPeople's order) and the ties between them (as readTies gives them), read
 * through entryReader. The records are shared between reads, so they are frozen.
 */
export interface ContentReader {
	people(): Person[];
	/** The ties whose ends are among `people` (by default: the people on the map now). */
	ties(people?: readonly Person[]): Tie[];
	stop(): void;
}

export function contentReader(doc: Y.Doc): ContentReader {
	const people = entryReader(doc, peopleOf(doc), (id, entry) => frozen(readPerson(id, entry)));
	const ties = entryReader(doc, tiesOf(doc), (id, entry) => frozen(readTie(id, entry)));
	return {
		people: () => sortPeople(people.read()),
		ties: (onMap = people.read()) => tiesOnMap(ties.read(), new Set(onMap.map((p) => p.id))),
		stop() {
			people.stop();
			ties.stop();
		}
	};
}

const frozen = <T extends object>(record: T | null): T | null => (record ? Object.freeze(record) : null);
