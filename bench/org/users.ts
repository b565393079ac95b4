/** Logging in as the organisation's accounts: each its own PocketBase session. */
import PocketBase from 'pocketbase';
import { passwordOf, type PlannedUser } from './plan.ts';

export interface Session {
	user: PlannedUser;
	/** A client talking to PocketBase directly (the SDK figures). */
	pb: PocketBase;
	token: string;
	/** The Cookie header the app reads the session from (pb_auth, as the login page sets it). */
	cookie: string;
}

export async function login(pocketbaseUrl: string, user: PlannedUser): Promise<Session> {
	const pb = new PocketBase(pocketbaseUrl);
	pb.autoCancellation(false);
	await pb.collection('users').authWithPassword(user.email, passwordOf(user.email));
	const cookie = pb.authStore.exportToCookie({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' }, 'pb_auth').split(';')[0];
	return { user, pb, token: pb.authStore.token, cookie };
}

/** Logs everyone in, `parallel` at a time (PocketBase checks each password with bcrypt). */
export async function loginAll(pocketbaseUrl: string, users: PlannedUser[], parallel = 8): Promise<Session[]> {
	const sessions: Session[] = new Array(users.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < users.length) {
				const i = next++;
				sessions[i] = await login(pocketbaseUrl, users[i]);
			}
		})
	);
	return sessions;
}
