import type PocketBase from 'pocketbase';

declare global {
	namespace App {
		interface Locals {
			/** A PocketBase client for this request only, authenticated as the user (if any). */
			pb: PocketBase;
			user: { id: string; email: string; name: string } | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
