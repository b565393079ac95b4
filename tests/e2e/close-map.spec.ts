import { axeViolations } from './a11y.ts';
import { adminClient, expect, test, userPage } from './fixtures.ts';

// A map of its own (closing Sam's would spoil the other tests): Fatima its professional, Sam its youth.
async function mapToClose(): Promise<string> {
	const admin = await adminClient();
	const team = await admin.collection('teams').getFirstListItem(admin.filter('name = {:n}', { n: 'Team Noord' }));
	const user = (email: string) => admin.collection('users').getFirstListItem(admin.filter('email = {:e}', { e: email }));
	const [pro, sam] = await Promise.all([user('hulpverlener@demo.local'), user('sam@demo.local')]);
	const map = await admin.collection('maps').create({ team: team.id, youth_name: 'Robin', created_by: pro.id });
	await admin.collection('map_members').create({ map: map.id, user: pro.id, role: 'professional' });
	await admin.collection('map_members').create({ map: map.id, user: sam.id, role: 'youth' });
	return map.id;
}

test('the professional closes a map after a plain confirmation; then it is read-only for everyone, also where it is open', async ({
	browser,
	baseURL
}) => {
	const mapId = await mapToClose();
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.goto(`/kaarten/${mapId}/wie`);
	const section = pro.getByTestId('close-map');
	await expect(section.getByRole('heading', { name: 'Kaart afsluiten' })).toBeVisible();
	await section.getByRole('link', { name: 'Kaart afsluiten' }).click();

	await expect(pro.getByRole('heading', { level: 1, name: 'De kaart van Robin afsluiten' })).toBeVisible();
	await expect(pro.getByText('Als je de kaart afsluit, kan niemand er nog iets aan veranderen.')).toBeVisible();
	expect(await axeViolations(pro)).toEqual([]);
	// "No" changes nothing.
	await pro.getByRole('link', { name: 'Nee, terug naar de kaart' }).click();
	await expect(pro).toHaveURL(new RegExp(`/kaarten/${mapId}$`));
	await expect(pro.getByTestId('map-closed')).toHaveCount(0);
	await expect(pro.getByLabel('Naam of bijnaam')).toBeVisible();

	// The map is open on another device of the professional while it is closed.
	const other = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await other.goto(`/kaarten/${mapId}`);
	await expect(other.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await expect(other.getByLabel('Naam of bijnaam')).toBeVisible();

	await pro.goto(`/kaarten/${mapId}/afsluiten`);
	await pro.getByRole('button', { name: 'Ja, sluit de kaart af' }).click();
	await expect(pro).toHaveURL(new RegExp(`/kaarten/${mapId}$`));
	await expect(pro.getByTestId('map-closed')).toContainText('Deze kaart is afgesloten op');
	await expect(pro.getByLabel('Naam of bijnaam')).toHaveCount(0);

	// The other device turns read-only by itself, without a reload.
	await expect(other.getByTestId('map-closed')).toContainText('Deze kaart is afgesloten op');
	await expect(other.getByLabel('Naam of bijnaam')).toHaveCount(0);
	await other.context().close();

	// The youth still opens it, to read.
	const sam = await userPage(browser, baseURL!, 'sam@demo.local');
	await sam.goto(`/kaarten/${mapId}`);
	await expect(sam.getByRole('heading', { level: 1, name: 'Netwerkkaart van Robin' })).toBeVisible();
	await expect(sam.getByTestId('map-closed')).toContainText('niemand kan er nog iets aan veranderen');
	await expect(sam.getByLabel('Naam of bijnaam')).toHaveCount(0);

	// Closed once: the section is gone, and the page says it is closed already.
	await pro.goto(`/kaarten/${mapId}/wie`);
	await expect(pro.getByTestId('close-map')).toHaveCount(0);
	await pro.goto(`/kaarten/${mapId}/afsluiten`);
	await expect(pro.getByText('Deze kaart is al afgesloten.')).toBeVisible();

	// Only the professional gets the form.
	const refused = await sam.goto(`/kaarten/${mapId}/afsluiten`);
	expect(refused?.status()).toBe(403);
	await pro.context().close();
	await sam.context().close();
});
