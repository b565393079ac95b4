import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { META, ROOT, type Person, type Tie } from '$lib/doc/schema';
import { readPeople } from '$lib/doc/people';
import { observeMap } from '$lib/doc/roots';
import { readTies } from '$lib/doc/ties';
import { jimState, readJimLog, type JimState } from '$lib/doc/jim';
import { readPlan, type PlanJson } from '$lib/doc/plan';
import { schemaVersionOf } from '$lib/doc/upgrade';

/** A map document's content as reactive values: reading them in an effect or template tracks changes. */
export class MapContent {
	#doc: Y.Doc;
	#subscribe: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => observeMap(doc, update));
	}

	get people(): Person[] {
		this.#subscribe();
		return readPeople(this.#doc);
	}

	/** Ties whose ends are both on the map. */
	get ties(): Tie[] {
		this.#subscribe();
		return readTies(this.#doc);
	}

	/** The JIM record folded into who is JIM, each step and the consent given. */
	get jim(): JimState {
		this.#subscribe();
		return jimState(readJimLog(this.#doc));
	}

	/** The support plan: evaluation dates, goals, agreements and questions to the JIM. */
	get plan(): PlanJson {
		this.#subscribe();
		return readPlan(this.#doc);
	}

	/** Whether the server's copy is here (now or kept on this device): only the server stamps the schema version. */
	get loaded(): boolean {
		this.#subscribe();
		return schemaVersionOf(this.#doc) > 0;
	}

	get centreName(): string {
		this.#subscribe();
		const name = this.#doc.getMap(ROOT.meta).get(META.centreName);
		return typeof name === 'string' ? name : '';
	}
}
