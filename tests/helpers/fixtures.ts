import PocketBase from 'pocketbase';
import type { PocketBaseInstance } from './pocketbase.ts';
import { superuserClient } from '../../server/sync/service.ts';

export interface FixtureUser {
	id: string;
	email: string;
	password: string;
	token: string;
}

export interface Fixture {
	teamId: string;
	otherTeamId: string;
	mapId: string;
	users: Record<'professional' | 'youth' | 'jim' | 'reviewer' | 'outsider', FixtureUser>;
}

let counter = 0;

/** A superuser-authenticated client for arranging test data. */
export async function adminClient(pb: PocketBaseInstance): Promise<PocketBase> {
	return superuserClient(pb.url, pb.superuser);
}

/** A user account, logged in: returns its id and token. */
export async function createUser(pb: PocketBaseInstance, name: string): Promise<FixtureUser> {
	const admin = await adminClient(pb);
	const email = `${name}-${++counter}-${Date.now()}@kring.test`.toLowerCase(); // as PocketBase stores it
	const password = 'test-password-1234';
	const record = await admin.collection('users').create({ email, password, passwordConfirm: password, name, verified: true });
	const client = new PocketBase(pb.url);
	const auth = await client.collection('users').authWithPassword(email, password);
	return { id: record.id, email, password, token: auth.token };
}

/**
 * Team Noord with a professional and a reviewer, another team with an outsider professional,
 * and one map in team Noord with the professional, the youth and the JIM as members.
 */
export async function createFixture(pb: PocketBaseInstance): Promise<Fixture> {
	const admin = await adminClient(pb);
	const [professional, youth, jim, reviewer, outsider] = await Promise.all(
		['professional', 'youth', 'jim', 'reviewer', 'outsider'].map((n) => createUser(pb, n))
	);
	const team = await admin.collection('teams').create({ name: 'Noord' });
	const otherTeam = await admin.collection('teams').create({ name: 'Zuid' });
	await admin.collection('team_members').create({ team: team.id, user: professional.id, role: 'professional' });
	await admin.collection('team_members').create({ team: team.id, user: reviewer.id, role: 'reviewer' });
	await admin.collection('team_members').create({ team: otherTeam.id, user: outsider.id, role: 'professional' });
	const map = await admin.collection('maps').create({ team: team.id, youth: youth.id, youth_name: 'Sam', created_by: professional.id });
	for (const [user, role] of [
		[professional, 'professional'],
		[youth, 'youth'],
		[jim, 'jim']
	] as const) {
		await admin.collection('map_members').create({ map: map.id, user: user.id, role });
	}
	return { teamId: team.id, otherTeamId: otherTeam.id, mapId: map.id, users: { professional, youth, jim, reviewer, outsider } };
}

/**
 * Another map in the fixture's team Noord, with the fixture's professional, youth and JIM on it
 * (and `more` members): for tests that count what one map gathers (versions, log rows).
 */
export async function newFixtureMap(pb: PocketBaseInstance, fx: Fixture, more: [FixtureUser, string][] = []): Promise<string> {
	const admin = await adminClient(pb);
	const { users } = fx;
	const map = await admin
		.collection('maps')
		.create({ team: fx.teamId, youth: users.youth.id, youth_name: 'Sam', created_by: users.professional.id });
	const members: [FixtureUser, string][] = [[users.professional, 'professional'], [users.youth, 'youth'], [users.jim, 'jim'], ...more];
	for (const [user, role] of members) await admin.collection('map_members').create({ map: map.id, user: user.id, role });
	return map.id;
}
