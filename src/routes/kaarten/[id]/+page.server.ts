import { canWrite } from '$lib/roles';
import { mapAccess } from '$lib/server/invitations';
import { mapAsMember } from '$lib/server/map-as-member';
import { tipsOfMap } from '$lib/server/tips';
import { unlessOutage } from '$lib/server/outage';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const pb = locals.pb;
	const { map, rows, role } = await mapAsMember(locals, params.id, 'id,youth_name,closed_at');
	const closedAt = String(map.closed_at ?? '');
	const membership = rows.find((row) => row.role === role);
	// The JIM's own view shows who else takes part and which answers went out as tips (each goes
	// out once); nobody else needs these here.
	const [members, offered] = role === 'jim' ? await Promise.all([otherMembers(pb, map.id), offeredQuestions(pb, map.id)]) : [[], []];
	return {
		map: { id: map.id, youthName: map.youth_name },
		role,
		// A closed map is read-only for everyone (the rules and the sync server refuse changes).
		readOnly: !canWrite(role) || closedAt !== '',
		closedAt,
		// Which person on the map this member is (set when a JIM was invited for a person), or ''.
		person: membership?.person ?? '',
		members,
		offeredQuestions: offered
	};
}) satisfies PageServerLoad;

/** Ids of the questions this JIM offered a tip for on this map (the route lists a JIM only their own). */
async function offeredQuestions(pb: App.Locals['pb'], map: string): Promise<string[]> {
	const tips = await tipsOfMap(pb, map).catch(unlessOutage(() => []));
	return tips.filter((tip) => tip.mine && tip.question_id).map((tip) => tip.question_id);
}

/** The other members of the map with their role, as the access route (and its rules) tells it. */
async function otherMembers(pb: App.Locals['pb'], map: string): Promise<{ name: string; role: string }[]> {
	const access = await mapAccess(pb, map).catch(unlessOutage(() => null));
	return (access?.members ?? []).filter((member) => !member.you).map(({ name, role }) => ({ name, role }));
}
