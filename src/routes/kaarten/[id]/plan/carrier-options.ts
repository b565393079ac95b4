import type { Carrier } from '../../../../lib/doc/plan.ts';

/**
 * The choices of "Wie doet het?", each person once. The chosen JIM on the map is offered as
 * "de JIM (Tante Nora)" (the role, which follows the JIM), not also as "Tante Nora"; only an
 * agreement that already names her as a person shows her that way, and then not the role.
 * `without`: a person being removed, who cannot take over their own agreements.
 */
export function carrierChoices(
	people: readonly { id: string }[],
	jimPersonId: string | null,
	value: string,
	without: string | null = null
): { roles: Exclude<Carrier, null | { kind: 'person' }>['kind'][]; people: string[] } {
	const others = people.filter((p) => p.id !== without).map((p) => p.id);
	const jimOnMap = jimPersonId !== null && others.includes(jimPersonId) ? jimPersonId : null;
	const jimAsPerson = jimOnMap !== null && value === `person:${jimOnMap}`;
	return {
		roles: jimAsPerson ? ['youth', 'professional'] : ['youth', 'jim', 'professional'],
		people: others.filter((id) => id !== jimOnMap || jimAsPerson)
	};
}
