import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { extractToken, parseSyncPath } from './auth.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IngifQ.c2lnbmF0dXJl';
const req = (url: string, cookie?: string) => ({ url, headers: cookie ? { cookie } : {} }) as IncomingMessage;

describe('parseSyncPath', () => {
	it.each([
		['/sync/abcdefghij12345', { kind: 'map', mapId: 'abcdefghij12345' }],
		['/sync/abcdefghij12345?token=x', { kind: 'map', mapId: 'abcdefghij12345' }],
		['/sync/ABCDEFGHIJ12345', { kind: 'invalid' }],
		['/sync/short', { kind: 'invalid' }],
		['/sync/abcdefghij12345/more', { kind: 'invalid' }],
		['/sync/', { kind: 'invalid' }],
		['/sync', { kind: 'not-sync' }],
		['/synchronise/abcdefghij12345', { kind: 'not-sync' }],
		['/api/realtime', { kind: 'not-sync' }]
	])('%s', (url, expected) => {
		expect(parseSyncPath(url)).toEqual(expected);
	});
});

describe('extractToken', () => {
	it('reads the token parameter', () => {
		expect(extractToken(req(`/sync/x?token=${TOKEN}`))).toBe(TOKEN);
	});
	it('reads a raw pb_auth cookie', () => {
		expect(extractToken(req('/sync/x', `a=b; pb_auth=${TOKEN}`))).toBe(TOKEN);
	});
	it('reads the SDK exportToCookie format', () => {
		const value = encodeURIComponent(JSON.stringify({ token: TOKEN, record: { id: 'u', email: 'e@x' } }));
		expect(extractToken(req('/sync/x', `pb_auth=${value}; Path=/`))).toBe(TOKEN);
	});
	it('prefers the parameter over the cookie', () => {
		expect(extractToken(req(`/sync/x?token=${TOKEN}`, 'pb_auth=other.token.value'))).toBe(TOKEN);
	});
	it.each([
		['no token', req('/sync/x')],
		['an empty parameter', req('/sync/x?token=')],
		['header-breaking bytes', req(`/sync/x?token=${encodeURIComponent(`${TOKEN}\r\nX-Evil: 1`)}`)],
		['a cookie with broken JSON', req('/sync/x', `pb_auth=${encodeURIComponent('{"token":')}`)],
		['a cookie JSON without a token', req('/sync/x', `pb_auth=${encodeURIComponent('{"record":{}}')}`)]
	])('gives null for %s', (_name, request) => {
		expect(extractToken(request)).toBeNull();
	});
});
