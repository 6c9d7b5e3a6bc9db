/** `node --import test/e2e/inject/slow-load.mjs distribution/cli.js`: the loading view stays up (hooks.mjs). */
import {registerInjection} from './register.mjs';

registerInjection('slow-load');
