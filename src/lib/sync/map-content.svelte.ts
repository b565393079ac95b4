import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { META, ROOT, type Person } from '$lib/doc/schema';
import { peopleOf, readPeople } from '$lib/doc/people';

/** A map document's content as reactive values: reading them in an effect or template tracks changes. */
export class MapContent {
	#doc: Y.Doc;
	#subscribe: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => {
			const people = peopleOf(doc);
			const meta = doc.getMap(ROOT.meta);
			people.observeDeep(update);
			meta.observe(update);
			return () => {
				people.unobserveDeep(update);
				meta.unobserve(update);
			};
		});
	}

	get people(): Person[] {
		this.#subscribe();
		return readPeople(this.#doc);
	}

	get centreName(): string {
		this.#subscribe();
		const name = this.#doc.getMap(ROOT.meta).get(META.centreName);
		return typeof name === 'string' ? name : '';
	}
}
