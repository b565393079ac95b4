import { page } from '$app/state';
import { namesOnMap } from '$lib/doc/map-names';
import { relationPhrase } from '$lib/tips';
import type { MapSession } from '../shell/session.svelte';

/**
 * What a JIM-tip needs from the map the JIM is on, for every place that offers an answer as a
 * tip: every name the map holds and the members' names this page knows (they leave the answer
 * before it is offered), how the JIM is related to the youth ("tante" → "een tante"), and which
 * answers went out as tips already.
 */
export class TipContext {
	readonly names: string[] = $derived.by(() => {
		if (this.session.author?.role !== 'jim') return [];
		void this.session.content.people; // re-read when the map changes
		const members = (page.data.members ?? []) as { name: string }[];
		return [
			...namesOnMap(this.session.doc),
			this.session.content.centreName,
			String(page.data.map?.youthName ?? ''),
			this.session.author?.name ?? '',
			...members.map((member) => member.name)
		].filter(Boolean);
	});

	readonly relation: string = $derived.by(() => {
		// The person this JIM was invited as; never the JIM chosen before them.
		const me = String(page.data.person ?? '');
		const person = me ? this.session.content.people.find((p) => p.id === me) : undefined;
		return relationPhrase(person?.relation ?? '', this.names);
	});

	/** The questions this JIM already offered an answer to as a tip (the map page's data, from the server). */
	readonly offered: ReadonlySet<string> = $derived.by(
		() => new Set([...((page.data.offeredQuestions ?? []) as string[]), ...this.session.tipsOffered])
	);

	constructor(private readonly session: MapSession) {}
}
