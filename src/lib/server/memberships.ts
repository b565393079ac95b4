import type {
	MapMembersResponse,
	MapsResponse,
	TeamMembersResponse,
	TeamsResponse,
	TypedPocketBase,
	UsersResponse
} from '$lib/pocketbase-types';

/** One of the user's rows in map_members. */
export interface OwnMapRow {
	map: string;
	role: string;
	/** The person on the map this member is (a JIM invited for a person), or ''. */
	person: string;
	/** The map itself, when asked for (withMaps) and its view rule lets the user see it. */
	mapRecord?: { id: string; youthName: string; updated: string };
}

/** One of the user's rows in team_members. */
export interface OwnTeamRow {
	team: string;
	role: string;
	teamName: string;
}

/**
 * The user's own memberships of maps and teams, in one request: a view of their own user record
 * with the rows expanded through back-relations (indexed by user), not filtered lists. PocketBase
 * delays a filtered list that finds nothing by up to 500 ms once an address has made three such
 * lists within 3 s (its guard against timing attacks on list rules), and "my rows on this map" is
 * mostly nothing for a reviewer, "my professional rows" for a youth: pages took 500 ms for them
 * (npm run bench:org). The API rules still decide: a row, and a map, come back only when their
 * view rules let the user see them. PocketBase expands at most 1,000 rows of a back-relation,
 * far above one person's maps.
 */
export async function ownMemberships(
	pb: TypedPocketBase,
	me: string,
	opts: { withMaps?: boolean } = {}
): Promise<{ maps: OwnMapRow[]; teams: OwnTeamRow[] }> {
	const mapFields = opts.withMaps ? ['expand.map.id', 'expand.map.youth_name', 'expand.map.updated'] : [];
	type Expanded = {
		map_members_via_user?: MapMembersResponse<{ map?: Pick<MapsResponse, 'id' | 'youth_name' | 'updated'> }>[];
		team_members_via_user?: TeamMembersResponse<{ team?: Pick<TeamsResponse, 'name'> }>[];
	};
	const record = await pb.collection('users').getOne<UsersResponse<Expanded>>(me, {
		expand: `${opts.withMaps ? 'map_members_via_user.map' : 'map_members_via_user'},team_members_via_user.team`,
		fields: [
			...['map', 'role', 'person', ...mapFields].map((f) => `expand.map_members_via_user.${f}`),
			...['team', 'role', 'expand.team.name'].map((f) => `expand.team_members_via_user.${f}`)
		].join(',')
	});
	// Only the fields asked for come back: the rest of each row is missing, not empty.
	return {
		maps: (record.expand?.map_members_via_user ?? []).map((row) => {
			const map = row.expand?.map;
			return {
				map: row.map,
				role: row.role,
				person: row.person ?? '',
				...(map ? { mapRecord: { id: map.id, youthName: map.youth_name, updated: map.updated } } : {})
			};
		}),
		teams: (record.expand?.team_members_via_user ?? []).map((row) => ({
			team: row.team,
			role: row.role,
			teamName: row.expand?.team?.name ?? ''
		}))
	};
}
