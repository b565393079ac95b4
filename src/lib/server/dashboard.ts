import type { TypedPocketBase } from '$lib/pocketbase-types';
import { compareNames } from '$lib/collate';
import { ownMemberships } from '$lib/server/memberships';
import type { Metrics } from '$lib/doc/metrics';

/**
 * The team's dashboard from PocketBase (GET /api/kring/teams/{team}/dashboard,
 * server/pocketbase/hooks/dashboard.go), always as the requesting user: the maps view rule
 * decides which maps come back.
 */

export interface DashboardPlan {
	startOn: string | null;
	everyWeeks: number | null;
	nextOn: string | null;
}

export interface DashboardVersion {
	taken_at: string;
	/** metricsOf(projection) as stored; for versions kept without metrics, the people per ring counted from the projection (version 0). */
	metrics: Partial<Metrics> | null;
}

export interface DashboardMap {
	id: string;
	youth_name: string;
	last_activity: string;
	/** YYYY-MM-DD, or "" when no evaluation moment was kept. */
	last_evaluation: string;
	version_count: number;
	/** From the newest version; null without versions. */
	plan: DashboardPlan | null;
	/** The newest version's JIM record, only when that version has no metrics. */
	jim_log?: unknown[];
	/** Oldest first, at most the last eight. */
	versions: DashboardVersion[];
}

export interface Dashboard {
	team: { id: string; name: string; role: 'professional' | 'reviewer' };
	maps: DashboardMap[];
}

export function teamDashboard(pb: TypedPocketBase, team: string): Promise<Dashboard> {
	return pb.send<Dashboard>(`/api/kring/teams/${encodeURIComponent(team)}/dashboard`, { method: 'GET' });
}

export interface TeamChoice {
	id: string;
	name: string;
	role: 'professional' | 'reviewer';
}

/** The teams the user is a professional or reviewer in, by name. */
export async function myTeams(pb: TypedPocketBase, me: string): Promise<TeamChoice[]> {
	const { teams } = await ownMemberships(pb, me);
	return teams
		.filter((row): row is typeof row & { role: TeamChoice['role'] } => row.role === 'professional' || row.role === 'reviewer')
		.map((row) => ({ id: row.team, name: row.teamName, role: row.role }))
		.sort((a, b) => compareNames(a.name, b.name) || a.id.localeCompare(b.id));
}
