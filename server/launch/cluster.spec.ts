import { describe, expect, it } from 'vitest';
import { clusterSize, haproxyConfig, workerAddressEnv } from './cluster.ts';

describe('clusterSize', () => {
	it('is one process unless KRING_WORKERS asks for more', () => {
		expect(clusterSize({})).toBe(1);
		expect(clusterSize({ KRING_WORKERS: '3' })).toBe(3);
		expect(() => clusterSize({ KRING_WORKERS: 'three' })).toThrow(/KRING_WORKERS/);
		expect(() => clusterSize({ KRING_WORKERS: '0' })).toThrow(/KRING_WORKERS/);
	});
});

describe('workerAddressEnv', () => {
	it('reads the address HAProxy adds, one hop past any proxy the operator named', () => {
		expect(workerAddressEnv({})).toEqual({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
		expect(workerAddressEnv({ ADDRESS_HEADER: 'X-Forwarded-For' })).toEqual({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' });
		expect(workerAddressEnv({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' })).toEqual({
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '3'
		});
		expect(workerAddressEnv({ ADDRESS_HEADER: 'X-Real-IP' })).toEqual({ ADDRESS_HEADER: 'x-real-ip' });
	});
});

describe('haproxyConfig', () => {
	const workers = [
		{ id: 'w1', port: 4001 },
		{ id: 'w2', port: 4002 }
	];

	it('hashes both map paths on the map id and keeps a map where it is open', () => {
		const config = haproxyConfig({ hosts: ['127.0.0.1', '::1'], port: 3000, workers, env: {} });
		expect(config).toContain('bind 127.0.0.1:3000');
		expect(config).toContain('bind ipv6@::1:3000');
		expect(config).toContain('set-var(txn.map) path,field(3,/) if { path_beg /sync/ }');
		expect(config).toContain('set-var(txn.map) path,field(4,/) if { path_beg /sync-api/maps/ }');
		expect(config).toMatch(/backend sync\n {4}balance hash var\(txn\.map\)\n {4}hash-type consistent/);
		expect(config).toContain('stick on var(txn.map)');
		expect(config).toContain('server w2 127.0.0.1:4002 check');
		expect(config).toContain('server w2 127.0.0.1:4002 track sync/w2');
	});

	it('spreads pages by the client address the workers read', () => {
		expect(haproxyConfig({ hosts: ['0.0.0.0'], port: 80, workers, env: {} })).toMatch(/backend app\n {4}balance source/);
		expect(haproxyConfig({ hosts: ['0.0.0.0'], port: 80, workers, env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' } })).toContain(
			'balance hash req.hdr(x-forwarded-for,-2)'
		);
	});
});
