/**
 * Loaded into the app process by the organisation bench only (node --expose-gc --import this):
 * on SIGUSR2 it prints one line of JSON with the process's memory before and after a full
 * garbage collection, so the bench can read heap as well as RSS. The app itself reports none.
 */
process.on('SIGUSR2', () => {
	const before = process.memoryUsage();
	(globalThis as { gc?: () => void }).gc?.();
	const after = process.memoryUsage();
	console.log(JSON.stringify({ level: 'info', msg: 'bench memory', before, after }));
});
