/** Every page is prerendered: the app is a static site (adapter-static). */
export const prerender = true;
/** Page URLs without a trailing slash (`/pgx`, served as `pgx.html`). */
export const trailingSlash = 'never';
