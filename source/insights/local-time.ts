/**
Local calendar facts (day key, hour, weekday) of an instant for the insight rules. The
memoized implementation lives in model/local-calendar.ts, shared with the tree builder, so
both agree on every day key and the Intl work is done once per local day and zone.
*/
export {localTime, localTimeIn} from '../model/local-calendar.js';
