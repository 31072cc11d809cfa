// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		/** History state of a page visit (shallow routing). */
		interface PageState {
			/** Set by the home page when an import finished and it opened the new genome's overview. */
			imported?: { text: string; timing: string };
		}
	}
}

export {};
