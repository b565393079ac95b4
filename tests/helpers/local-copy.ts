/**
 * How many changes of a map this browser keeps in IndexedDB (y-indexeddb writes each change to
 * its 'updates' store as it comes); 0 while it keeps none. Runs inside the page
 * (`page.evaluate(localChanges, 'kring-map-<id>')`), so it stands alone: no imports, no helpers.
 */
export function localChanges(name: string): Promise<number> {
	return new Promise<number>((resolve) => {
		const open = indexedDB.open(name);
		open.onerror = () => resolve(0);
		open.onsuccess = () => {
			const db = open.result;
			const done = (n: number) => {
				db.close();
				resolve(n);
			};
			if (!db.objectStoreNames.contains('updates')) return done(0);
			const count = db.transaction('updates').objectStore('updates').count();
			count.onsuccess = () => done(count.result);
			count.onerror = () => done(0);
		};
	});
}
