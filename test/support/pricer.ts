/**
The pricer every test uses: the real one over the bundled price table (expected costs in
tests are derived from its list prices, noted next to each assertion).
*/
import {createPricer} from '../../source/pricing/index.js';

export const pricer = createPricer();
