import { expect, logIn, openSamsMap, test } from './fixtures.ts';

// The map page holds a minor's network: it may run only Kring's own scripts, never be framed,
// and ask for no camera, microphone or location.
test('the map page is sent with security headers, and using it breaks none of its policy', async ({ page }) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) violations.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)
		);
	});

	await logIn(page, 'sam@demo.local');
	const mapLink = page.getByRole('link', { name: 'Kaart van Sam openen' });
	const mapPath = await mapLink.getAttribute('href');
	await openSamsMap(page);

	const response = await page.request.get(mapPath!);
	expect(response.status()).toBe(200);
	const headers = response.headers();
	const csp = headers['content-security-policy'];
	for (const directive of [
		"default-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"connect-src 'self' ws: wss:",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"object-src 'none'"
	]) {
		expect(csp).toContain(directive);
	}
	expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')*;/);
	expect(csp).not.toContain('unsafe-eval');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=(), interest-cohort=()');
	expect(headers['cross-origin-opener-policy']).toBe('same-origin');
	// Plain http here: a Strict-Transport-Security header would be ignored at best.
	expect(headers['strict-transport-security']).toBeUndefined();

	// Use the page: every view, then a reload (served by the service worker's cache or the server).
	for (const view of ['Lijst', 'Steunplan', 'Cirkel']) {
		await page.getByRole('radio', { name: view }).check();
		await expect(page.getByRole('radio', { name: view })).toBeChecked();
	}
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await expect(page.getByRole('list').first()).toBeVisible();
	expect(violations).toEqual([]);
});
