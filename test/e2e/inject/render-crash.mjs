/** `node --import test/e2e/inject/render-crash.mjs distribution/cli.js`: <App> throws while rendering (hooks.mjs). */
import {registerInjection} from './register.mjs';

registerInjection('render-crash');
