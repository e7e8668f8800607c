import { fileURLToPath } from 'node:url';

/** The Agents Playground's command line, shipped in its npm package. */
export const PLAYGROUND_CLI = fileURLToPath(new URL('../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url));
/** No browser window of its own, and nothing sent to Microsoft: it runs offline. */
export const PLAYGROUND_ENV = { TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' };
/** The tenant the playground's mocked Teams puts its users in. */
export const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';
export const PLAYGROUND_PORT = 56150;
/** The playground's own user (its default configuration): the seller, and here the deal desk too. */
export const PLAYGROUND_USER = '00000000-0000-0000-0000-0000000000020';
