/** Roles a user can hold on a map (PocketBase map_members.role). */
export type MapRole = 'youth' | 'professional' | 'jim' | 'parent';

/**
 * Who may change a map's content. Parents and team reviewers read; the youth, their
 * professional and their JIM draw. Shared by the app and the sync server.
 */
export const WRITER_ROLES: readonly MapRole[] = ['youth', 'professional', 'jim'];

export function canWrite(role: string | null | undefined): boolean {
	return !!role && (WRITER_ROLES as readonly string[]).includes(role);
}
