import type { TypedPocketBase } from '$lib/pocketbase-types';

declare global {
	namespace App {
		interface Locals {
			/** A PocketBase client for this request only, authenticated as the user (if any). */
			pb: TypedPocketBase;
			user: { id: string; email: string; name: string } | null;
			/** This request met a PocketBase outage (set by handleError): it answers 503. */
			outage?: boolean;
		}
		interface Error {
			message: string;
			/** PocketBase was unavailable: the page says so and offers a retry. */
			outage?: boolean;
		}
	}
}

export {};
