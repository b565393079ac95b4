import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { META, ROOT, type Person, type Tie } from '$lib/doc/schema';
import { observeMap } from '$lib/doc/roots';
import { contentReader, type ContentReader } from '$lib/doc/entry-reader';
import { jimState, readJimLog, type JimState } from '$lib/doc/jim';
import { readPlan, type PlanJson } from '$lib/doc/plan';
import { schemaVersionOf } from '$lib/doc/upgrade';

/** A map document's content as reactive values: reading them in an effect or template tracks changes. */
export class MapContent {
	#doc: Y.Doc;
	#subscribe: () => void;
	// Each part of the page that shows people or ties reads them again after every change: only
	// what the change touched is read from the document (a map of 200 people read them all, and
	// twice for the ties).
	#content: ContentReader;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#subscribe = createSubscriber((update) => observeMap(doc, update));
		this.#content = contentReader(doc);
	}

	get people(): Person[] {
		this.#subscribe();
		return this.#content.people();
	}

	/** Ties whose ends are both on the map. */
	get ties(): Tie[] {
		this.#subscribe();
		return this.#content.ties();
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

	/** Stops reading the document's changes (the page closes the map). */
	destroy(): void {
		this.#content.stop();
	}

	get centreName(): string {
		this.#subscribe();
		const name = this.#doc.getMap(ROOT.meta).get(META.centreName);
		return typeof name === 'string' ? name : '';
	}
}
