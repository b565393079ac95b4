/**
 * Roles, and the role a user acts in on a map: one home in TypeScript for the app and the sync
 * server. Its Go twin is server/pocketbase/access (whose test fails when the lists differ); PocketBase
 * uses them for map_members.role and team_members.role (tests/integration/roles.test.ts checks).
 */

/** Roles a user can hold on a map (PocketBase map_members.role). */
export const MAP_ROLES = ['youth', 'professional', 'jim', 'parent'] as const;
export type MapRole = (typeof MAP_ROLES)[number];

/** Roles in a team (PocketBase team_members.role): reviewers read every map of their team. */
export const TEAM_ROLES = ['professional', 'reviewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The role of someone who sees a map without being on it: a reviewer of its team. */
export const REVIEWER = 'reviewer' satisfies TeamRole;

/**
 * Who may change a map's content. Parents and team reviewers read; the youth, their
 * professional and their JIM draw.
 */
export const WRITER_ROLES: readonly MapRole[] = ['youth', 'professional', 'jim'];

export function canWrite(role: string | null | undefined): boolean {
	return !!role && (WRITER_ROLES as readonly string[]).includes(role);
}

/**
 * The role a user acts in on a map, from their roles on it: a writing role if they hold one, else
 * any; someone on none who may still see it (PocketBase's view rule let them in) is a reviewer.
 * Null when they hold no role and are no reviewer of the map's team.
 */
export function roleOnMap(mapRoles: readonly string[]): string;
export function roleOnMap(mapRoles: readonly string[], teamReviewer: boolean): string | null;
export function roleOnMap(mapRoles: readonly string[], teamReviewer = true): string | null {
	return mapRoles.find(canWrite) ?? mapRoles[0] ?? (teamReviewer ? REVIEWER : null);
}
